package io.glimpse.contracts.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An image and the sequence of the last event written for it: catalog's answer to an internal lookup. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImageState(long sequence, ImageSnapshot image) {}
