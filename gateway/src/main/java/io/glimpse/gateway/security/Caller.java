package io.glimpse.gateway.security;

import io.glimpse.policy.Credentials;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who sent a request, from a verified token.
 *
 * @param token     the original token, forwarded upstream as is
 * @param userId    {@code sub}
 * @param userName  {@code preferred_username}, for logs
 * @param projectId the {@code project_id} claim; the image API refuses tokens without one
 * @param roles     realm roles, lower-cased
 * @param expiresAt {@code exp}
 */
public record Caller(
        String token,
        String userId,
        Optional<String> userName,
        Optional<String> projectId,
        Set<String> roles,
        Instant expiresAt) {

    /** The policy credentials; only project-scoped callers have them. */
    public Credentials credentials() {
        String project = projectId.orElseThrow(ProjectRequiredException::new);
        return new Credentials(userId, project, roles, Map.of());
    }

    @Override
    public String toString() {
        // Never the token.
        return "Caller[" + userName.orElse(userId) + ", project=" + projectId.orElse("-") + ", roles=" + roles + "]";
    }
}
