package io.glimpse.imports.rest;

import io.glimpse.imports.service.StageService;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;

/**
 * {@code PUT /v2/images/{id}/stage} (glance-v2-api.md §5.3). Blocking on purpose: the body is read on this worker
 * thread as it arrives and streamed into the staging area, so memory stays bounded whatever the size.
 */
@Path("/v2/images/{imageId}/stage")
@Authenticated
@Blocking
public class StageResource {
    private final StageService stages;
    private final CurrentCaller caller;

    public StageResource(StageService stages, CurrentCaller caller) {
        this.stages = stages;
        this.caller = caller;
    }

    /** Any other Content-Type is a 415 from the framework; a missing one too, as Glance answers. */
    @PUT
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Response stage(
            @PathParam("imageId") String imageId,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("x-openstack-image-size") String announcedSize,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            InputStream body) {
        if (contentType == null || contentType.isBlank()) {
            throw new GlimpseException.UnsupportedMediaType("Content-Type must be application/octet-stream.");
        }
        stages.stage(caller.get(), imageId, body, ImageSizes.expected(announcedSize, contentLength));
        return Response.noContent().build();
    }
}
