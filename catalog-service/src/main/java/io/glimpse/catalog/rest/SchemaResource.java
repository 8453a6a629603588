package io.glimpse.catalog.rest;

import io.glimpse.catalog.mapping.ImageSchemaDocument;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** {@code /v2/schemas/image} and {@code /v2/schemas/images}; member and task schemas are served by their owners. */
@Path("/v2/schemas")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SchemaResource {
    private final ImageSchemaDocument schemas;

    public SchemaResource(ImageSchemaDocument schemas) {
        this.schemas = schemas;
    }

    @GET
    @Path("/image")
    public Map<String, Object> image() {
        return schemas.image();
    }

    @GET
    @Path("/images")
    public Map<String, Object> images() {
        return schemas.images();
    }
}
