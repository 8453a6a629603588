package io.glimpse.gateway.identity.keycloak;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * A user of the realm as the identity endpoint needs it.
 *
 * @param id        Keycloak's user id (the tokens' {@code sub})
 * @param username  the user name
 * @param enabled   whether the user may log in
 * @param projectId the {@code project_id} attribute, the user's one project
 */
public record KeycloakUser(String id, String username, boolean enabled, Optional<String> projectId) {

    static KeycloakUser from(JsonObject representation) {
        JsonObject attributes = representation.getJsonObject("attributes", new JsonObject());
        JsonArray projects = attributes.getJsonArray("project_id", new JsonArray());
        Optional<String> project = projects.isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(projects.getString(0)).filter(p -> !p.isBlank());
        return new KeycloakUser(
                representation.getString("id"),
                representation.getString("username", ""),
                representation.getBoolean("enabled", false),
                project);
    }
}
