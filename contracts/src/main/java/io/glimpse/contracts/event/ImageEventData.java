package io.glimpse.contracts.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The data of every event on {@code glimpse.images}. {@code sequence} grows by one with each event of
 * the same image, so a consumer can drop what it has already applied, whatever the delivery order.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImageEventData(long sequence, Actor actor, String requestId, ImageSnapshot image) {}
