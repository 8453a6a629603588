package io.glimpse.contracts.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** Answer of {@link InternalApi#IMPORT_END}: the locations the end dropped, for the caller to delete their data. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImportEnded(List<StoredLocation> removed) {}
