package io.glimpse.catalog.rest;

import io.glimpse.catalog.service.ImageUpdateService;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** {@code /v2/images/{id}/tags/{tag}} (§10). */
@Path("/v2/images/{imageId}/tags/{tag}")
@Authenticated
public class ImageTagResource {
    private final ImageUpdateService updates;
    private final CurrentCaller caller;

    public ImageTagResource(ImageUpdateService updates, CurrentCaller caller) {
        this.updates = updates;
        this.caller = caller;
    }

    @PUT
    public Uni<Response> add(@PathParam("imageId") String imageId, @PathParam("tag") String tag) {
        return updates.addTag(caller.get(), imageId, tag)
                .map(done -> Response.noContent().build());
    }

    @DELETE
    public Uni<Response> remove(@PathParam("imageId") String imageId, @PathParam("tag") String tag) {
        return updates.removeTag(caller.get(), imageId, tag)
                .map(done -> Response.noContent().build());
    }
}
