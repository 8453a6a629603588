package io.glimpse.contracts.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The data of every event on {@code glimpse.members} ({@code image.member.create|update|delete}).
 * {@code sequence} grows by one with each member event of the same image (all its members together),
 * so a projection keeps, per membership, only what is newer than what it holds; a delete leaves a
 * tombstone at its sequence so that an older create cannot bring the membership back.
 * The same record is the body of the synchronous push sharing makes to catalog
 * ({@link io.glimpse.contracts.internal.InternalApi#MEMBERSHIP}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MemberEventData(long sequence, Actor actor, String requestId, boolean deleted, MemberSnapshot member) {}
