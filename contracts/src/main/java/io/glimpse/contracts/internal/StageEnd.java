package io.glimpse.contracts.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST} {@link InternalApi#STAGE_END}: the staging attempt named by {@code stageToken} ended. Stored:
 * the image keeps {@code uploading} and gets its {@code size}; not stored: it goes back to {@code queued}. 204; 409
 * when the image is no longer in that staging attempt (reverted meanwhile, or staged again), 404 when it is gone —
 * in both cases the caller deletes what it staged. Idempotent.
 *
 * @param size the staged size in bytes (ignored when not stored)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StageEnd(ActingUser user, String stageToken, boolean stored, long size) {}
