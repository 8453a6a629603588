package io.glimpse.contracts.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.glimpse.contracts.model.TaskStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A task as it is after the change an event reports (Glance's task fields), with the import's progress.
 *
 * @param input the task's input as Glance records it ({@code image_id}, {@code import_req}, {@code backend})
 * @param result {@code {"image_id": ...}} once the task succeeded, else null
 * @param message what is happening, in words; the reason when it failed
 * @param progress one entry per phase and target store, in the order they run
 * @param attempt the attempt that wrote this (1 for the first; more when another attempt resumed the import after a
 *     crash or a lost lease), 0 before any attempt started
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskSnapshot(
        String id,
        String type,
        TaskStatus status,
        String owner,
        String imageId,
        String requestId,
        String userId,
        Map<String, Object> input,
        Map<String, Object> result,
        String message,
        List<ImportProgress> progress,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        long attempt) {}
