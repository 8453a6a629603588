package io.glimpse.imports.mapping;

import io.glimpse.contracts.event.TaskSnapshot;
import io.glimpse.imports.domain.Task;

import java.time.OffsetDateTime;

/** A task as events carry it. */
public final class TaskSnapshotMapper {
    private TaskSnapshotMapper() {}

    public static TaskSnapshot toSnapshot(Task task) {
        return new TaskSnapshot(
                task.id,
                task.type,
                task.status,
                task.owner,
                task.imageId,
                task.requestId,
                task.userId,
                task.input,
                task.result,
                task.message,
                task.progress.phases(),
                task.createdAt.toInstant(),
                task.updatedAt.toInstant(),
                instant(task.expiresAt),
                task.attempt);
    }

    private static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
