package io.glimpse.catalog.rest;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.mapping.ImageRepresentation;
import io.glimpse.catalog.mapping.NewImageParser;
import io.glimpse.catalog.service.ImageService;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Map;

/** {@code /v2/images}: create and show. HTTP only; the use cases live in {@link ImageService}. */
@Path("/v2/images")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {
    private final ImageService images;
    private final NewImageParser parser;
    private final CurrentCaller caller;
    private final CatalogConfig config;

    public ImageResource(ImageService images, NewImageParser parser, CurrentCaller caller, CatalogConfig config) {
        this.images = images;
        this.parser = parser;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(Object body) {
        return images.create(caller.get(), parser.parse(body)).map(image -> {
            Response.ResponseBuilder created = Response.created(URI.create(config.publicUrl() + "/v2/images/" + image.id))
                    .entity(ImageRepresentation.of(image));
            if (!config.importMethods().isEmpty()) {
                created.header("OpenStack-image-import-methods", String.join(",", config.importMethods()));
            }
            return created.build();
        });
    }

    @GET
    @Path("/{imageId}")
    public Uni<Map<String, Object>> show(@PathParam("imageId") String imageId) {
        return images.show(caller.get(), imageId).map(ImageRepresentation::of);
    }
}
