package io.glimpse.catalog.rest;

import io.glimpse.catalog.service.ImageService;
import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.internal.InternalApi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@link InternalApi#IMAGES}, served at the path its clients call: never routed by the gateway, service role
 * only.
 */
@Path(InternalApi.IMAGES)
@RolesAllowed("service")
public class InternalImageResource {
    private final ImageService images;

    public InternalImageResource(ImageService images) {
        this.images = images;
    }

    @GET
    @Path("/{imageId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<String> image(@PathParam("imageId") String imageId) {
        // Written with the events' own mapping, so the lookup and the events can never disagree.
        return images.state(imageId).map(EventJson::write);
    }
}
