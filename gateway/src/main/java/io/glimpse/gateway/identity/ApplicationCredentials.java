package io.glimpse.gateway.identity;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.identity.AuthRequest.ApplicationCredentialSecret;
import io.glimpse.gateway.identity.AuthRequest.UserById;
import io.glimpse.gateway.identity.AuthRequest.UserByName;
import io.glimpse.gateway.identity.AuthRequest.UserRef;
import io.glimpse.gateway.identity.keycloak.KeycloakClient;
import io.glimpse.gateway.identity.keycloak.KeycloakRejectedException;
import io.glimpse.gateway.identity.keycloak.KeycloakUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keystone's application credentials, each backed by a Keycloak client ({@link ApplicationCredential}):
 * creating, listing, showing and deleting a user's own, and logging in with one.
 */
@ApplicationScoped
public class ApplicationCredentials {

    private static final String TYPE = "application_credential";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakClient keycloak;
    private final Vertx vertx;
    private final String audience;
    private final int perUser;
    private final Clock clock = Clock.systemUTC();

    public ApplicationCredentials(KeycloakClient keycloak, Vertx vertx, GatewayConfig gateway, IdentityConfig config) {
        this.keycloak = keycloak;
        this.vertx = vertx;
        this.audience = gateway.security().audience();
        this.perUser = config.applicationCredentialsPerUser();
    }

    /**
     * Creates a credential for the token's user in the token's project, with the token's roles or a
     * subset; answers it with its secret, the only time the secret is shown.
     */
    Future<CreatedCredential> create(KeystoneToken token, JsonObject body) {
        if (token.isRestricted()) {
            throw KeystoneException.forbidden("Using method 'application_credential' is not allowed for managing"
                    + " additional application credentials");
        }
        String projectId = token.projectId()
                .orElseThrow(
                        () -> KeystoneException.forbidden("an application credential needs a project-scoped token"));
        if (!(body.getValue(TYPE) instanceof JsonObject request)) {
            throw KeystoneException.expecting(TYPE, "request body");
        }
        String name = string(request, "name")
                .filter(text -> text.length() <= 255)
                .orElseThrow(() -> KeystoneException.badRequest(
                        "Invalid input for field 'name': a name of 1 to 255" + " characters is required."));
        Optional<String> description = string(request, "description");
        Optional<Instant> expiresAt = expiry(request.getValue("expires_at"));
        Set<String> roles = roles(request.getValue("roles"), token.roles());
        boolean unrestricted = Boolean.TRUE.equals(request.getValue("unrestricted"));
        if (request.getValue("access_rules") instanceof JsonArray rules && !rules.isEmpty()) {
            throw KeystoneException.invalidApplicationCredential("access rules are not supported by Glimpse");
        }
        String secret = string(request, "secret").orElseGet(SecretHasher::newSecret);
        String id = HexFormat.of().formatHex(randomBytes(16));
        return mine(token.userId())
                .compose(existing -> {
                    if (existing.size() >= perUser) {
                        throw KeystoneException.forbidden(
                                "Unable to create additional application credentials, maximum of " + perUser
                                        + " already exceeded for user");
                    }
                    if (existing.stream()
                            .anyMatch(credential -> credential.name().equals(name))) {
                        throw KeystoneException.conflict(TYPE, "Duplicate name, " + name);
                    }
                    return vertx.executeBlocking(() -> SecretHasher.hash(secret), false);
                })
                .compose(hash -> {
                    ApplicationCredential credential = new ApplicationCredential(
                            id,
                            name,
                            description,
                            token.userId(),
                            token.userName(),
                            projectId,
                            roles,
                            expiresAt,
                            unrestricted,
                            hash,
                            "",
                            SecretHasher.newSecret());
                    return keycloak.createClient(credential.toClient(audience))
                            .recover(failure -> Future.failedFuture(
                                    failure instanceof KeycloakRejectedException
                                            ? KeystoneException.conflict(TYPE, "Duplicate ID, " + id)
                                            : failure))
                            .map(ignored -> new CreatedCredential(credential, secret));
                });
    }

    /** A new credential and its secret. */
    record CreatedCredential(ApplicationCredential credential, String secret) {
        @Override
        public String toString() {
            return "CreatedCredential[" + credential + "]";
        }
    }

    /** Every credential of a user. */
    Future<List<ApplicationCredential>> mine(String userId) {
        String prefix = ApplicationCredential.clientIdPrefixOf(userId);
        return keycloak.clientsMatching(prefix, perUser + 1)
                .map(clients -> clients.stream()
                        .filter(client -> client.getString("clientId", "").startsWith(prefix))
                        .map(ApplicationCredential::fromClient)
                        .flatMap(Optional::stream)
                        .filter(credential -> credential.userId().equals(userId))
                        .toList());
    }

    /** One credential of a user, or a 404. */
    Future<ApplicationCredential> one(String userId, String credentialId) {
        return byId(credentialId)
                .map(found -> found.filter(credential -> credential.userId().equals(userId))
                        .orElseThrow(() -> KeystoneException.notFound("Application Credential", credentialId)));
    }

    Future<Void> delete(KeystoneToken token, ApplicationCredential credential) {
        if (token.isRestricted()) {
            throw KeystoneException.forbidden("Using method 'application_credential' is not allowed for managing"
                    + " additional application credentials");
        }
        return keycloak.deleteClient(credential.keycloakId());
    }

    /**
     * Logs in with a credential: the secret must match, the credential must not have expired, and its
     * creator must still be enabled, in the same project and hold every role it carries (Keystone
     * invalidates a credential whose creator lost a role). Any failure is the same 401.
     */
    Future<String> login(ApplicationCredentialSecret login) {
        Future<Optional<ApplicationCredential>> found = login.id().isPresent()
                ? byId(login.id().get())
                : userIdOf(login.user().orElseThrow())
                        .compose(userId -> userId.isEmpty()
                                ? Future.succeededFuture(Optional.empty())
                                : mine(userId.get())
                                        .map(all -> all.stream()
                                                .filter(credential -> credential
                                                        .name()
                                                        .equals(login.name().orElseThrow()))
                                                .findFirst()));
        return found.compose(credential -> {
                    if (credential.isEmpty() || credential.get().isExpired(clock.instant())) {
                        throw KeystoneException.unauthorized();
                    }
                    return vertx.executeBlocking(
                                    () -> SecretHasher.matches(
                                            login.secret(), credential.get().secretHash()),
                                    false)
                            .map(matches -> {
                                if (!matches) {
                                    throw KeystoneException.unauthorized();
                                }
                                return credential.get();
                            });
                })
                .compose(credential -> creatorStillHolds(credential).map(credential))
                .compose(credential ->
                        keycloak.clientCredentialsGrant(credential.clientId(), credential.clientSecret()));
    }

    private Future<Void> creatorStillHolds(ApplicationCredential credential) {
        return keycloak.userById(credential.userId()).compose(user -> {
            if (user.isEmpty()
                    || !user.get().enabled()
                    || !user.get().projectId().equals(Optional.of(credential.projectId()))) {
                throw KeystoneException.unauthorized();
            }
            return keycloak.realmRoles(credential.userId()).map(roles -> {
                if (!roles.containsAll(credential.roles())) {
                    throw KeystoneException.unauthorized();
                }
                return null;
            });
        });
    }

    private Future<Optional<ApplicationCredential>> byId(String credentialId) {
        if (!credentialId.matches("[0-9a-f]{32}")) {
            return Future.succeededFuture(Optional.empty());
        }
        String suffix = "." + credentialId;
        return keycloak.clientsMatching(suffix, 2)
                .map(clients -> clients.stream()
                        .filter(client -> {
                            String clientId = client.getString("clientId", "");
                            return clientId.startsWith(ApplicationCredential.CLIENT_ID_PREFIX)
                                    && clientId.endsWith(suffix);
                        })
                        .map(ApplicationCredential::fromClient)
                        .flatMap(Optional::stream)
                        .findFirst());
    }

    private Future<Optional<String>> userIdOf(UserRef user) {
        return switch (user) {
            case UserById byId -> Future.succeededFuture(Optional.of(byId.id()));
            case UserByName byName ->
                byName.domain().isDefault()
                        ? keycloak.userByName(byName.name()).map(found -> found.map(KeycloakUser::id))
                        : Future.succeededFuture(Optional.empty());
        };
    }

    private static Optional<Instant> expiry(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw KeystoneException.badRequest("Invalid input for field 'expires_at': not a date and time.");
        }
        Instant at;
        try {
            at = text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")
                    ? OffsetDateTime.parse(text).toInstant()
                    : OffsetDateTime.parse(text + "Z").toInstant();
        } catch (DateTimeParseException e) {
            throw KeystoneException.badRequest("Timestamp not in expected format. The server could not comply with"
                    + " the request since it is either malformed or otherwise incorrect. The client is assumed to be"
                    + " in error.");
        }
        if (!at.isAfter(Instant.now())) {
            throw KeystoneException.invalidApplicationCredential("the expiration time is in the past");
        }
        return Optional.of(at);
    }

    /** The roles asked for ({@code [{"id": …} | {"name": …}]}), each one the token holds; none asked: all of them. */
    private static Set<String> roles(Object value, Set<String> tokenRoles) {
        if (value == null) {
            return new TreeSet<>(tokenRoles);
        }
        if (!(value instanceof JsonArray asked)) {
            throw KeystoneException.badRequest("Invalid input for field 'roles': a list of roles is expected.");
        }
        Set<String> roles = new TreeSet<>();
        for (Object entry : asked) {
            Optional<String> role = entry instanceof JsonObject ref
                    ? string(ref, "id").or(() -> string(ref, "name"))
                    : Optional.empty();
            if (role.isEmpty()) {
                throw KeystoneException.badRequest("Invalid input for field 'roles': each role needs an id or a name.");
            }
            if (!tokenRoles.contains(role.get())) {
                throw KeystoneException.invalidApplicationCredential(
                        "Cannot create an application credential with unassigned role");
            }
            roles.add(role.get());
        }
        return roles.isEmpty() ? new TreeSet<>(tokenRoles) : roles;
    }

    private static Optional<String> string(JsonObject object, String key) {
        return object.getValue(key) instanceof String text && !text.isEmpty() ? Optional.of(text) : Optional.empty();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
