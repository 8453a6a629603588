package io.glimpse.contracts.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The data of every event on {@code glimpse.signatures} ({@code image.signature.verified|failed}),
 * keyed by image id. {@code sequence} grows by one with each signature event of the same image.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SignatureEventData(long sequence, Actor actor, String requestId, VerificationSnapshot verification) {}
