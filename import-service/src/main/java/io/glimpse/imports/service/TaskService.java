package io.glimpse.imports.service;

import io.glimpse.contracts.model.TaskStatus;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.imports.client.CatalogClient;
import io.glimpse.imports.config.ImportConfig;
import io.glimpse.imports.domain.Task;
import io.glimpse.imports.mapping.ActingUsers;
import io.glimpse.imports.mapping.NewTask;
import io.glimpse.imports.mapping.TaskQuery;
import io.glimpse.imports.messaging.TaskEvents;
import io.glimpse.imports.policy.TaskOperation;
import io.glimpse.imports.policy.TaskPolicy;
import io.glimpse.imports.repository.TaskRepository;
import io.glimpse.imports.repository.Transactions;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Reading tasks (an image's, and the deprecated {@code /v2/tasks} API, glance-v2-api.md §8.6), and their expiry. */
@ApplicationScoped
public class TaskService {
    private final TaskRepository tasks;
    private final TaskPolicy policy;
    private final CatalogClient catalog;
    private final TaskEvents events;
    private final ImportConfig config;

    public TaskService(
            TaskRepository tasks, TaskPolicy policy, CatalogClient catalog, TaskEvents events, ImportConfig config) {
        this.tasks = tasks;
        this.policy = policy;
        this.catalog = catalog;
        this.events = events;
        this.config = config;
    }

    /** {@code GET /v2/images/{id}/tasks}: 404 unless the caller may see the image; then all its tasks. */
    public List<Task> ofImage(Caller caller, String imageId) {
        catalog.access(imageId, ActingUsers.of(caller));
        // Whoever may see the image sees all its tasks, an admin's copy-image included: Glance reads them straight
        // from its database here, not through the task repository that shows a project only its own.
        return Transactions.inSession(() -> tasks.ofImage(imageId));
    }

    /** {@code GET /v2/tasks/{id}}. */
    public Task show(Caller caller, String taskId) {
        policy.authorizeTasksApi(TaskOperation.GET_TASK, caller);
        return Transactions.inSession(() -> tasks.findVisible(taskId))
                .filter(task -> policy.canSee(caller, task))
                .orElseThrow(() -> new GlimpseException.NotFound("Could not find task " + taskId));
    }

    /**
     * {@code GET /v2/tasks}: one page, plus whether a next page may exist (the page is full).
     *
     * @throws GlimpseException.BadRequest for a marker that names no task
     */
    public List<Task> list(Caller caller, TaskQuery query) {
        policy.authorizeTasksApi(TaskOperation.LIST_TASKS, caller);
        return Transactions.inSession(() -> page(caller, query));
    }

    /**
     * {@code POST /v2/tasks}: the task is recorded; an {@code import} task runs as a web-download import, an
     * {@code api_image_import} one (which only {@code POST /v2/images/{id}/import} can fill in) fails at once as
     * Glance's does. The body is read only once the caller may use the tasks API (Glance answers 403 before 400).
     */
    public Task create(Caller caller, Supplier<NewTask> body) {
        policy.authorizeTasksApi(TaskOperation.CREATE_TASK, caller);
        NewTask request = body.get();
        Task task = new Task();
        task.id = UUID.randomUUID().toString();
        task.type = request.type();
        task.status = TaskStatus.PENDING;
        task.owner = caller.projectId();
        task.requestId = caller.requestId();
        task.userId = caller.userId();
        task.input = request.input();
        task.userRoles = List.copyOf(caller.roles());
        task.createdAt = now();
        task.updatedAt = task.createdAt;
        task.method = Task.API_IMAGE_IMPORT.equals(request.type()) ? null : "web-download";
        if (task.method == null) {
            task.status = TaskStatus.FAILURE;
            task.message = "Input to api_image_import task is empty.";
            task.expiresAt = task.createdAt.plus(config.taskTimeToLive());
        }
        return Transactions.inTransaction(() -> tasks.persist(task)
                .call(() -> events.record(EventTypes.TASK_CREATE, task))
                .call(() -> task.status == TaskStatus.FAILURE
                        ? events.record(EventTypes.TASK_FAILURE, task, null, task.message)
                        : Uni.createFrom().voidItem()));
    }

    /** Deletes tasks past their expiry (task_time_to_live after they ended). */
    public int deleteExpired() {
        return Transactions.inTransaction(tasks::deleteExpired);
    }

    private Uni<List<Task>> page(Caller caller, TaskQuery query) {
        StringBuilder where = new StringBuilder("accepted = true");
        Map<String, Object> parameters = new HashMap<>();
        if (!policy.isAdmin(caller)) {
            where.append(" and owner = :project");
            parameters.put("project", caller.projectId());
        }
        query.status().ifPresent(status -> {
            where.append(" and status = :status");
            parameters.put("status", status);
        });
        query.type().ifPresent(type -> {
            where.append(" and type = :type");
            parameters.put("type", type);
        });
        query.owner().ifPresent(owner -> {
            where.append(" and owner = :owner");
            parameters.put("owner", owner);
        });
        Sort sort = Sort.by(query.sortKey(), query.ascending() ? Sort.Direction.Ascending : Sort.Direction.Descending)
                .and("id", query.ascending() ? Sort.Direction.Ascending : Sort.Direction.Descending);
        Uni<Optional<Task>> marker = query.marker()
                .map(id -> tasks.findVisible(id).invoke(found -> {
                    if (found.isEmpty()) {
                        throw new GlimpseException.BadRequest("Task with the given id " + id + " was not found");
                    }
                }))
                .orElseGet(() -> Uni.createFrom().item(Optional.empty()));
        return marker.chain(found -> {
            List<Task> all = new ArrayList<>();
            if (found.isPresent()) {
                // Keyset paging: what sorts after the marker on the sort key, with the id as tie-breaker.
                String column = query.sortKey();
                String after = query.ascending() ? ">" : "<";
                where.append(" and (" + column + " " + after + " :markerValue or (" + column + " = :markerValue and id "
                        + after + " :markerId))");
                parameters.put("markerValue", markerValue(found.get(), column));
                parameters.put("markerId", found.get().id);
            }
            if (query.limit() == 0) {
                // limit=0 asks for no task (Glance answers an empty page); a page of size 0 is refused by Panache.
                return Uni.createFrom().item(all);
            }
            return tasks.find(where.toString(), sort, parameters)
                    .page(Page.ofSize(query.limit()))
                    .list()
                    .invoke(all::addAll)
                    .replaceWith(all);
        });
    }

    private static Object markerValue(Task marker, String column) {
        return switch (column) {
            case "id" -> marker.id;
            case "type" -> marker.type;
            case "status" -> marker.status;
            case "updatedAt" -> marker.updatedAt;
            default -> marker.createdAt;
        };
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
