package io.glimpse.contracts.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Who caused an event: the caller's project and user as the token named them. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Actor(String projectId, String userId) {}
