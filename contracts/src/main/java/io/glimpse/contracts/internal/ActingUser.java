package io.glimpse.contracts.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * The user on whose behalf a service makes an internal call: who the calling service verified from the user's own
 * token (or recorded with the work it resumes). The receiving service authorizes and attributes its events to this
 * user; the call itself is authenticated with the calling service's {@code service} role.
 *
 * @param userId the token's subject
 * @param projectId the token's {@code project_id}
 * @param roles the lower-cased realm roles
 * @param requestId the request id of the user's request, carried into events
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActingUser(String userId, String projectId, List<String> roles, String requestId) {}
