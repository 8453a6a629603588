package io.glimpse.sharing.rest;

import io.glimpse.sharing.domain.ImageProjection;
import io.glimpse.sharing.service.ImageProjectionService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal, for operators and the other services (never routed by the gateway): what sharing
 * currently believes about an image.
 */
@Path("/internal/image-projection")
@RolesAllowed({"service", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class ImageProjectionResource {
    private final ImageProjectionService projection;

    public ImageProjectionResource(ImageProjectionService projection) {
        this.projection = projection;
    }

    @GET
    @Path("/{imageId}")
    public Uni<Map<String, Object>> show(@PathParam("imageId") String imageId) {
        return projection.find(imageId).map(ImageProjectionResource::toJson);
    }

    private static Map<String, Object> toJson(ImageProjection image) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("image_id", image.imageId);
        json.put("owner", image.owner);
        json.put("visibility", image.visibility);
        json.put("status", image.status);
        json.put("sequence", image.sequence);
        json.put("member_sequence", image.memberSequence);
        return json;
    }
}
