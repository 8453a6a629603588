package io.glimpse.contracts.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.model.Visibility;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The full image as it is after the change an event reports; additional properties are strings. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImageSnapshot(
        String id,
        String name,
        ImageStatus status,
        Visibility visibility,
        @JsonProperty("protected") boolean isProtected,
        boolean osHidden,
        String owner,
        String checksum,
        String osHashAlgo,
        String osHashValue,
        Long size,
        Long virtualSize,
        String diskFormat,
        String containerFormat,
        int minDisk,
        int minRam,
        List<String> tags,
        Map<String, String> properties,
        Instant createdAt,
        Instant updatedAt) {}
