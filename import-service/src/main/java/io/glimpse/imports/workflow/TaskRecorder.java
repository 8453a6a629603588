package io.glimpse.imports.workflow;

import io.glimpse.contracts.event.ImportProgress;
import io.glimpse.contracts.model.TaskStatus;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.imports.config.ImportConfig;
import io.glimpse.imports.domain.ImportStep;
import io.glimpse.imports.domain.StepStatus;
import io.glimpse.imports.domain.Task;
import io.glimpse.imports.domain.TaskProgress;
import io.glimpse.imports.messaging.TaskEvents;
import io.glimpse.imports.repository.StepRepository;
import io.glimpse.imports.repository.TaskRepository;
import io.glimpse.imports.repository.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every database write of a running import, each one transaction with its events, and each fenced: it applies only
 * while the task's attempt is still the writer's, so a worker that lost its lease (presumed dead, but alive) can
 * never overwrite what the newer attempt recorded — it gets {@link LeaseLostException} instead.
 */
@ApplicationScoped
public class TaskRecorder {
    private final TaskRepository tasks;
    private final StepRepository steps;
    private final TaskEvents events;
    private final ImportConfig config;

    public TaskRecorder(TaskRepository tasks, StepRepository steps, TaskEvents events, ImportConfig config) {
        this.tasks = tasks;
        this.steps = steps;
        this.events = events;
        this.config = config;
    }

    /** The task and its recorded steps, as this attempt starts; a first start moves it to {@code processing}. */
    public Started start(String taskId, long attempt) {
        return Transactions.inTransaction(() -> fenced(taskId, attempt, task -> {
            Uni<Void> announced = Uni.createFrom().voidItem();
            if (task.status == TaskStatus.PENDING) {
                task.status = TaskStatus.PROCESSING;
                task.message = "Import started";
                task.updatedAt = now();
                announced = events.record(EventTypes.TASK_PROCESSING, task)
                        .chain(() -> events.record(EventTypes.IMPORT_START, task));
            }
            return announced.chain(() -> steps.ofTask(taskId)).map(recorded -> new Started(task, recorded));
        }));
    }

    /** A step's outcome, with its event ({@code image.import.store.success|failure}) when it is a store's. */
    public void step(
            String taskId, long attempt, String name, String store, StepStatus status, Map<String, String> result) {
        Transactions.inTransaction(() -> fenced(taskId, attempt, task -> {
            ImportStep step = new ImportStep();
            step.key = new ImportStep.Key(taskId, name, store == null ? "" : store);
            step.status = status;
            step.attempt = attempt;
            step.result = result;
            step.updatedAt = now();
            Uni<Void> event = store == null
                    ? Uni.createFrom().voidItem()
                    : status == StepStatus.DONE
                            ? events.record(EventTypes.IMPORT_STORE_SUCCESS, task, store, null)
                            : events.record(EventTypes.IMPORT_STORE_FAILURE, task, store, result.get("reason"));
            return steps.getSession()
                    .chain(session -> session.merge(step))
                    .chain(() -> event)
                    .replaceWithVoid();
        }));
    }

    /**
     * Renews the lease and, when it changed, records the progress with an {@code image.import.progress} event.
     *
     * @return what the heartbeat found: go on, the image was deleted, or the lease was lost
     */
    public Beat beat(String taskId, long attempt, List<ImportProgress> changed, String message) {
        return Transactions.inTransaction(() -> tasks.renew(
                        taskId, attempt, config.work().lease())
                .chain(renewed -> {
                    if (renewed.isEmpty()) {
                        return Uni.createFrom().item(Beat.LOST);
                    }
                    Beat beat = renewed.get() ? Beat.CANCELLED : Beat.GO_ON;
                    if (changed == null) {
                        return Uni.createFrom().item(beat);
                    }
                    return tasks.findForUpdate(taskId).chain(found -> {
                        Task task = found.orElseThrow();
                        task.progress = new TaskProgress(changed);
                        task.message = message;
                        task.updatedAt = now();
                        return events.record(EventTypes.IMPORT_PROGRESS, task).replaceWith(beat);
                    });
                }));
    }

    /** The task's end: its status, result and words, and the events that close it. */
    public void finish(String taskId, long attempt, boolean success, String message, List<ImportProgress> progress) {
        Transactions.inTransaction(() -> fenced(taskId, attempt, task -> {
            OffsetDateTime now = now();
            task.status = success ? TaskStatus.SUCCESS : TaskStatus.FAILURE;
            task.result = success ? Map.of("image_id", task.imageId) : null;
            task.message = message;
            task.progress = new TaskProgress(progress);
            task.updatedAt = now;
            task.expiresAt = now.plus(config.taskTimeToLive());
            task.leaseOwner = null;
            task.leaseUntil = null;
            String reason = success ? null : message;
            return events.record(EventTypes.IMPORT_FINISH, task, null, reason)
                    .chain(() -> events.record(
                            success ? EventTypes.TASK_SUCCESS : EventTypes.TASK_FAILURE, task, null, reason));
        }));
    }

    private <T> Uni<T> fenced(String taskId, long attempt, Function<Task, Uni<T>> work) {
        return tasks.findForUpdate(taskId).chain(found -> {
            Optional<Task> current = found.filter(task -> task.attempt == attempt && !task.isFinished());
            if (current.isEmpty()) {
                throw new LeaseLostException(taskId, attempt);
            }
            return work.apply(current.get());
        });
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The task and its steps recorded so far. */
    public record Started(Task task, List<ImportStep> steps) {}

    /** What a heartbeat found. */
    public enum Beat {
        GO_ON,
        CANCELLED,
        LOST
    }
}
