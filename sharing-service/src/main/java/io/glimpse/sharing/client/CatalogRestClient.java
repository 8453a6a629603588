package io.glimpse.sharing.client;

import io.glimpse.contracts.internal.InternalApi;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * catalog-service's internal API ({@link InternalApi}), called with the client-credentials token of
 * {@code glimpse-service}. Bodies travel as JSON text written and read with contracts' EventJson, so
 * both sides use the one mapping of these records. Use it through {@link CatalogClient}.
 */
@RegisterRestClient(configKey = "catalog")
@OidcClientFilter
public interface CatalogRestClient {

    /** 200 with an ImageState; 404 when catalog has no live image with this id. */
    @GET
    @Path(InternalApi.IMAGES + "/{imageId}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<String> image(@PathParam("imageId") String imageId);

    /** A MemberEventData body; 204. */
    @PUT
    @Path(InternalApi.MEMBERSHIP)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> putMembership(String memberEventData);
}
