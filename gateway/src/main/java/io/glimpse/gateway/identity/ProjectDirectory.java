package io.glimpse.gateway.identity;

import io.glimpse.gateway.identity.keycloak.KeycloakClient;
import io.glimpse.gateway.identity.keycloak.KeycloakUser;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Projects as Keycloak knows them: a project exists while some user's {@code project_id} attribute
 * names it. Users see their own project; administrators (realm role {@code admin}) see every project.
 */
@ApplicationScoped
public class ProjectDirectory {

    private final KeycloakClient keycloak;
    private final int scanLimit;

    public ProjectDirectory(KeycloakClient keycloak, IdentityConfig config) {
        this.keycloak = keycloak;
        this.scanLimit = config.projectScanLimit();
    }

    Future<Boolean> exists(String projectId) {
        return keycloak.usersOfProject(projectId, 1).map(users -> !users.isEmpty());
    }

    /** Every project in use, by id, for an administrator's listing. */
    Future<List<String>> all() {
        return keycloak.users(scanLimit)
                .map(users -> users.stream()
                        .map(KeycloakUser::projectId)
                        .flatMap(Optional::stream)
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new))
                        .stream()
                        .toList());
    }

    /** The project of a user, looked up by id (a user has at most one). */
    Future<List<String>> ofUser(String userId) {
        return keycloak.userById(userId)
                .map(user -> user.map(found -> found.projectId().stream().toList())
                        .orElseThrow(() -> KeystoneException.notFound("user", userId)));
    }
}
