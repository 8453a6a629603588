package io.glimpse.catalog.rest;

import io.glimpse.catalog.service.ImageActionService;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** {@code /v2/images/{id}/actions/deactivate|reactivate} (§11). */
@Path("/v2/images/{imageId}/actions")
@Authenticated
public class ImageActionResource {
    private final ImageActionService actions;
    private final CurrentCaller caller;

    public ImageActionResource(ImageActionService actions, CurrentCaller caller) {
        this.actions = actions;
        this.caller = caller;
    }

    @POST
    @Path("/deactivate")
    public Uni<Response> deactivate(@PathParam("imageId") String imageId) {
        return actions.deactivate(caller.get(), imageId)
                .map(done -> Response.noContent().build());
    }

    @POST
    @Path("/reactivate")
    public Uni<Response> reactivate(@PathParam("imageId") String imageId) {
        return actions.reactivate(caller.get(), imageId)
                .map(done -> Response.noContent().build());
    }
}
