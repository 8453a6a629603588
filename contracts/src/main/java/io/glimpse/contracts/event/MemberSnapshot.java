package io.glimpse.contracts.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.glimpse.contracts.model.MemberStatus;

import java.time.Instant;

/** One image membership as it is after the change an event reports (Glance's member representation). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MemberSnapshot(
        String imageId, String memberId, MemberStatus status, Instant createdAt, Instant updatedAt) {}
