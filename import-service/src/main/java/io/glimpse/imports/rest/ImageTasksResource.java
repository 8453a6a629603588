package io.glimpse.imports.rest;

import io.glimpse.imports.mapping.TaskRepresentation;
import io.glimpse.imports.service.TaskService;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** {@code GET /v2/images/{id}/tasks} (v2.12): the image's tasks the caller may see; 404 for an image it may not. */
@Path("/v2/images/{imageId}/tasks")
@Authenticated
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class ImageTasksResource {
    private final TaskService tasks;
    private final CurrentCaller caller;

    public ImageTasksResource(TaskService tasks, CurrentCaller caller) {
        this.tasks = tasks;
        this.caller = caller;
    }

    @GET
    public Map<String, Object> list(@PathParam("imageId") String imageId) {
        return Map.of(
                "tasks",
                tasks.ofImage(caller.get(), imageId).stream()
                        .map(TaskRepresentation::row)
                        .toList());
    }
}
