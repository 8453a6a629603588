package io.glimpse.support.security;

import java.util.Set;

/**
 * Who is calling, taken from the verified token (never from headers a client could set), plus the
 * request id the gateway assigned.
 */
public record Caller(String userId, String projectId, Set<String> roles, String requestId) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole("admin");
    }
}
