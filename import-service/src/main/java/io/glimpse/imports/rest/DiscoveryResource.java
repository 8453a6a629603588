package io.glimpse.imports.rest;

import io.glimpse.imports.config.ImportConfig;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v2/info/import} (§8.1) and the task schemas (§13.1). */
@Path("/v2")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {
    private final ImportConfig config;
    private final String taskSchema = resource("schema-task.json");
    private final String tasksSchema = resource("schema-tasks.json");

    public DiscoveryResource(ImportConfig config) {
        this.config = config;
    }

    @GET
    @Path("/info/import")
    public Map<String, Object> importMethods() {
        Map<String, Object> methods = new LinkedHashMap<>();
        methods.put("description", "Import methods available.");
        methods.put("type", "array");
        methods.put("value", config.methods());
        return Map.of("import-methods", methods);
    }

    @GET
    @Path("/schemas/task")
    public String taskSchema() {
        return taskSchema;
    }

    @GET
    @Path("/schemas/tasks")
    public String tasksSchema() {
        return tasksSchema;
    }

    private static String resource(String name) {
        try (InputStream in = DiscoveryResource.class.getResourceAsStream("/io/glimpse/imports/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
