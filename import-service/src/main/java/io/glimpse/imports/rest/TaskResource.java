package io.glimpse.imports.rest;

import io.glimpse.imports.config.ImportConfig;
import io.glimpse.imports.domain.Task;
import io.glimpse.imports.mapping.NewTaskParser;
import io.glimpse.imports.mapping.TaskQuery;
import io.glimpse.imports.mapping.TaskQueryParser;
import io.glimpse.imports.mapping.TaskRepresentation;
import io.glimpse.imports.service.TaskService;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The deprecated tasks API, {@code /v2/tasks} (glance-v2-api.md §8.6); admin-only by default. */
@Path("/v2/tasks")
@Authenticated
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {
    private final TaskService tasks;
    private final NewTaskParser newTasks;
    private final CurrentCaller caller;
    private final String publicUrl;

    public TaskResource(TaskService tasks, NewTaskParser newTasks, CurrentCaller caller, ImportConfig config) {
        this.tasks = tasks;
        this.newTasks = newTasks;
        this.caller = caller;
        this.publicUrl = config.publicUrl();
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        TaskQuery query = TaskQueryParser.parse(uri.getQueryParameters());
        List<Task> page = tasks.list(caller.get(), query);
        String rest = withoutMarker(uri.getRequestUri().getRawQuery());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tasks", page.stream().map(TaskRepresentation::stub).toList());
        body.put("first", "/v2/tasks" + (rest.isEmpty() ? "" : "?" + rest));
        body.put("schema", "/v2/schemas/tasks");
        if (!page.isEmpty() && page.size() == query.limit()) {
            body.put("next", "/v2/tasks?" + (rest.isEmpty() ? "" : rest + "&") + "marker=" + page.getLast().id);
        }
        return body;
    }

    @GET
    @Path("/{taskId}")
    public Map<String, Object> show(@PathParam("taskId") String taskId) {
        return TaskRepresentation.full(tasks.show(caller.get(), taskId));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(String body) {
        Task task = tasks.create(caller.get(), () -> newTasks.parse(body));
        return Response.created(URI.create(publicUrl + "/v2/tasks/" + task.id))
                .entity(TaskRepresentation.full(task))
                .build();
    }

    private static String withoutMarker(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        return Arrays.stream(rawQuery.split("&"))
                .filter(part -> !part.isEmpty() && !part.startsWith("marker="))
                .collect(Collectors.joining("&"));
    }
}
