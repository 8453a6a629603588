package io.glimpse.imports.service;

import io.glimpse.contracts.event.ImageState;
import io.glimpse.contracts.internal.ActingUser;
import io.glimpse.contracts.internal.ImportBegin;
import io.glimpse.contracts.internal.ImportKeys;
import io.glimpse.contracts.internal.ImportPlan;
import io.glimpse.contracts.model.TaskStatus;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.imports.client.CatalogClient;
import io.glimpse.imports.client.CatalogRefusal;
import io.glimpse.imports.domain.Task;
import io.glimpse.imports.domain.TaskAccepted;
import io.glimpse.imports.mapping.ActingUsers;
import io.glimpse.imports.mapping.ImportRequest;
import io.glimpse.imports.messaging.TaskEvents;
import io.glimpse.imports.repository.TaskRepository;
import io.glimpse.imports.repository.Transactions;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /v2/images/{id}/import} (glance-v2-api.md §8.2): the task is recorded first (hidden), catalog then
 * checks the request against the image and takes the import lock for it, and only then is the task accepted, with
 * its {@code task.create} event, which hands the work to a worker. A crash between the two steps leaves a hidden task
 * that the sweep settles against the lock catalog holds (or does not), so no lock ever names a task nobody runs.
 */
@ApplicationScoped
public class ImportService {
    private static final Logger LOG = Logger.getLogger(ImportService.class);

    private final CatalogClient catalog;
    private final TaskRepository tasks;
    private final TaskEvents events;

    private final Event<TaskAccepted> acceptedTasks;

    public ImportService(
            CatalogClient catalog, TaskRepository tasks, TaskEvents events, Event<TaskAccepted> acceptedTasks) {
        this.acceptedTasks = acceptedTasks;
        this.catalog = catalog;
        this.tasks = tasks;
        this.events = events;
    }

    /**
     * @param headerStore the {@code X-Image-Meta-Store} header, or null
     * @return the accepted task, or empty when there is nothing to do (a copy to all stores that hold it already)
     */
    public Optional<Task> begin(Caller caller, String imageId, ImportRequest request, String headerStore) {
        ActingUser user = ActingUsers.of(caller);
        Task task = newTask(caller, imageId, request);
        Transactions.inTransaction(() -> tasks.persist(task));
        ImportPlan plan;
        try {
            plan = catalog.beginImport(
                    imageId,
                    new ImportBegin(
                            user,
                            task.id,
                            request.method(),
                            request.stores(),
                            request.allStores(),
                            headerStore,
                            request.allStoresMustSucceed(),
                            staleLockHolder(imageId).orElse(null)));
        } catch (CatalogRefusal refusal) {
            Transactions.inTransaction(() -> tasks.delete("id", task.id));
            throw refusal;
        }
        if (plan.targets().isEmpty()) {
            Transactions.inTransaction(() -> tasks.delete("id", task.id));
            return Optional.empty();
        }
        Task accepted = Transactions.inTransaction(() -> accept(task.id, plan.targets()));
        acceptedTasks.fire(new TaskAccepted(accepted.id));
        return Optional.of(accepted);
    }

    /**
     * Settles a task whose lock request went unanswered (the instance died, or catalog was unreachable): accepted when
     * catalog's lock names it, deleted otherwise.
     */
    public void settle(Task task) {
        Optional<ImageState> image = catalog.image(task.imageId);
        boolean locked = image.map(
                        state -> task.id.equals(state.image().properties().get(ImportKeys.IMPORT_TASK)))
                .orElse(false);
        if (locked) {
            List<String> targets =
                    ImportKeys.stores(image.get().image().properties().get(ImportKeys.IMPORTING_TO_STORES));
            Transactions.inTransaction(() -> accept(task.id, targets));
            acceptedTasks.fire(new TaskAccepted(task.id));
            LOG.infof("import task %s of image %s: lock confirmed, accepted late", task.id, task.imageId);
        } else {
            Transactions.inTransaction(() -> tasks.delete("id", task.id));
            LOG.infof("import task %s of image %s: never got the lock, dropped", task.id, task.imageId);
        }
    }

    /**
     * The task holding the image's lock when it can no longer be running: finished, or unknown here. catalog lets a
     * new import take over such a lock (Glance steals old locks; Glimpse's never get old, but may outlive their task
     * if the task's end could not reach catalog).
     */
    private Optional<String> staleLockHolder(String imageId) {
        Optional<String> holder =
                catalog.image(imageId).map(state -> state.image().properties().get(ImportKeys.IMPORT_TASK));
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        Optional<Task> holding =
                Transactions.inSession(() -> tasks.findById(holder.get()).map(Optional::ofNullable));
        return holding.isEmpty() || holding.get().isFinished() ? holder : Optional.empty();
    }

    private Uni<Task> accept(String taskId, List<String> targets) {
        return tasks.findForUpdate(taskId).chain(found -> {
            Task task = found.orElseThrow(() -> new GlimpseException.NotFound("Task " + taskId + " is gone."));
            task.accepted = true;
            task.targets = List.copyOf(targets);
            Map<String, Object> input = new LinkedHashMap<>(task.input);
            input.put("backend", targets);
            task.input = input;
            task.updatedAt = now();
            return events.record(EventTypes.TASK_CREATE, task).replaceWith(task);
        });
    }

    private static Task newTask(Caller caller, String imageId, ImportRequest request) {
        Task task = new Task();
        task.id = UUID.randomUUID().toString();
        task.type = Task.API_IMAGE_IMPORT;
        task.status = TaskStatus.PENDING;
        task.owner = caller.projectId();
        task.imageId = imageId;
        task.requestId = caller.requestId();
        task.userId = caller.userId();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("image_id", imageId);
        input.put("import_req", request.raw());
        input.put("backend", List.of());
        task.input = input;
        task.message = "";
        task.method = request.method();
        task.allStoresMustSucceed = request.allStoresMustSucceed();
        task.userRoles = List.copyOf(caller.roles());
        task.accepted = false;
        task.createdAt = now();
        task.updatedAt = task.createdAt;
        return task;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
