package io.glimpse.contracts.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST} {@link InternalApi#IMPORT_RESUME}: attempt {@code fence} of the task that holds the import lock
 * starts (first run, or after the previous attempt's worker died). catalog raises the image's fence to it, so every
 * later command of an older attempt is refused (409), and answers 200 with the {@link ImportPlan} as it is now; 409
 * when the task does not hold the lock or a newer attempt already spoke, 404 when the image is gone.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImportResume(ActingUser user, long fence) {}
