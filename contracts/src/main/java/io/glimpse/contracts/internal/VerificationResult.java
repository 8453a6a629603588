package io.glimpse.contracts.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.glimpse.contracts.model.VerificationOutcome;

/**
 * Answer of {@code POST} {@link InternalApi#VERIFICATIONS} (always 200 when the request was complete).
 *
 * @param verificationId the stored verification record
 * @param verified       whether the signature is valid; {@code outcome == VERIFIED}
 * @param outcome        why it is (not) verified, as a stable code
 * @param reason         the same for people, e.g. "certificate ... expired on 2021-01-01T00:00:00Z"
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VerificationResult(String verificationId, boolean verified, VerificationOutcome outcome, String reason) {}
