package io.glimpse.imports.client;

import io.glimpse.contracts.internal.InternalApi;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * catalog-service's internal API for staging and importing ({@link InternalApi}), called with the client-credentials
 * token of {@code glimpse-service}. Bodies travel as JSON text written and read with contracts' EventJson. Blocking:
 * stages and imports run on worker threads. Use it through {@link CatalogClient}.
 */
@RegisterRestClient(configKey = "catalog")
@OidcClientFilter
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogRestClient {

    @GET
    @Path(InternalApi.IMAGES + "/{imageId}")
    String image(@PathParam("imageId") String imageId);

    @POST
    @Path(InternalApi.IMAGE_ACCESS)
    String access(@PathParam("imageId") String imageId, String imageAccess);

    @POST
    @Path(InternalApi.STAGE)
    String beginStaging(@PathParam("imageId") String imageId, String stageBegin);

    @POST
    @Path(InternalApi.STAGE_END)
    void endStaging(@PathParam("imageId") String imageId, String stageEnd);

    @POST
    @Path(InternalApi.IMPORTS)
    String beginImport(@PathParam("imageId") String imageId, String importBegin);

    @POST
    @Path(InternalApi.IMPORT_RESUME)
    String resumeImport(@PathParam("imageId") String imageId, @PathParam("taskId") String taskId, String importResume);

    @POST
    @Path(InternalApi.IMPORT_STORE)
    void storeDone(@PathParam("imageId") String imageId, @PathParam("taskId") String taskId, String storeResult);

    @POST
    @Path(InternalApi.IMPORT_END)
    String endImport(@PathParam("imageId") String imageId, @PathParam("taskId") String taskId, String importEnd);
}
