package io.glimpse.catalog.rest;

import io.glimpse.catalog.mapping.ImageSchemaDocument;
import io.glimpse.catalog.mapping.MetadefSchemaDocuments;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * {@code /v2/schemas/image(s)} and {@code /v2/schemas/metadefs/*}; member and task schemas are served by their owners.
 */
@Path("/v2/schemas")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SchemaResource {
    private final ImageSchemaDocument schemas;
    private final MetadefSchemaDocuments metadefSchemas;

    public SchemaResource(ImageSchemaDocument schemas, MetadefSchemaDocuments metadefSchemas) {
        this.schemas = schemas;
        this.metadefSchemas = metadefSchemas;
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

    @GET
    @Path("/metadefs/{name}")
    public Map<String, Object> metadef(@PathParam("name") String name) {
        return metadefSchemas.schema(name);
    }
}
