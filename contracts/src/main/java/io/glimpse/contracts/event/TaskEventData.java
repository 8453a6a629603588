package io.glimpse.contracts.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The data of every event on {@code glimpse.tasks} ({@code task.*} and {@code image.import.*}), keyed by image id.
 * {@code sequence} grows by one with each such event of the same image, whichever task it is about.
 *
 * @param store the target store of an {@code image.import.store.success|failure} event, else null
 * @param reason why something failed ({@code task.failure}, {@code image.import.store.failure}, a failed
 *     {@code image.import.finish}), else null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskEventData(
        long sequence, Actor actor, String requestId, TaskSnapshot task, String store, String reason) {}
