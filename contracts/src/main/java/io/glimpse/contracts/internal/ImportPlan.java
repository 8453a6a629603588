package io.glimpse.contracts.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.glimpse.contracts.event.ImageState;

import java.util.List;

/**
 * What an import works on: the stores to write (sorted), the image as it is now, and where its data already lives
 * (the source of a copy).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImportPlan(List<String> targets, ImageState image, List<StoredLocation> locations) {}
