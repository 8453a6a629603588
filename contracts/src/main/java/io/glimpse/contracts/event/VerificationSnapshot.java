package io.glimpse.contracts.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.glimpse.contracts.model.VerificationOutcome;

import java.time.Instant;

/** One signature verification as signature-service recorded it. Values are as the caller sent them. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VerificationSnapshot(
        String id,
        String imageId,
        String certificateUuid,
        String hashMethod,
        String keyType,
        boolean verified,
        VerificationOutcome outcome,
        String reason,
        Instant createdAt) {}
