package io.glimpse.imports.messaging;

import io.glimpse.contracts.event.Actor;
import io.glimpse.contracts.event.TaskEventData;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.imports.domain.Task;
import io.glimpse.imports.mapping.TaskSnapshotMapper;
import io.glimpse.imports.repository.EventSequenceRepository;
import io.glimpse.support.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes the events of tasks and imports ({@code task.*}, {@code image.import.*}) to the outbox, in the transaction
 * of the change they report, keyed by image id with the image's next sequence.
 */
@ApplicationScoped
public class TaskEvents {
    private final Outbox outbox;
    private final EventSequenceRepository sequences;

    public TaskEvents(Outbox outbox, EventSequenceRepository sequences) {
        this.outbox = outbox;
        this.sequences = sequences;
    }

    public Uni<Void> record(String type, Task task) {
        return record(type, task, null, null);
    }

    /**
     * @param store the target store the event is about, or null
     * @param reason why something failed, or null
     */
    public Uni<Void> record(String type, Task task, String store, String reason) {
        String key = task.imageId != null ? task.imageId : task.id;
        return sequences.next(key).chain(sequence -> {
            TaskEventData data = new TaskEventData(
                    sequence,
                    new Actor(task.owner, task.userId),
                    task.requestId,
                    TaskSnapshotMapper.toSnapshot(task),
                    store,
                    reason);
            return outbox.record(Topics.TASKS, key, type, task.id, data).replaceWithVoid();
        });
    }
}
