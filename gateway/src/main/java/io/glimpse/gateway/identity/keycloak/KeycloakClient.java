package io.glimpse.gateway.identity.keycloak;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The identity endpoint's calls to Keycloak, with the non-blocking Vert.x client: the token endpoint
 * (password grant on behalf of users, client-credentials grant of application credentials) and the
 * admin REST API of the realm (users, and the clients that back application credentials), the latter
 * with a service-account token of the identity client kept until shortly before it expires.
 *
 * <p>Nothing here logs a request body: they carry passwords and secrets.
 */
public class KeycloakClient {

    /** An admin token is renewed this long before it expires, so no call goes out with a dying one. */
    private static final Duration ADMIN_TOKEN_MARGIN = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String tokenUrl;
    private final String adminUrl;
    private final String clientId;
    private final String clientSecret;
    private final Duration timeout;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<AdminToken> adminToken = new AtomicReference<>();

    public KeycloakClient(
            Vertx vertx, URI tokenUrl, URI adminUrl, String clientId, String clientSecret, Duration timeout) {
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout.toMillis()));
        this.tokenUrl = tokenUrl.toString();
        this.adminUrl = adminUrl.toString().replaceAll("/+$", "");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeout = timeout;
    }

    /** A user's access token from the password grant of the identity client. */
    public Future<String> passwordGrant(String username, String password) {
        return grant(Map.of(
                        "grant_type", "password",
                        "client_id", clientId,
                        "client_secret", clientSecret,
                        "username", username,
                        "password", password))
                .map(Grant::accessToken);
    }

    /** An access token from the client-credentials grant of another client of the realm. */
    public Future<String> clientCredentialsGrant(String client, String secret) {
        return grant(Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", secret))
                .map(Grant::accessToken);
    }

    /** The user with this id, if there is one. */
    public Future<Optional<KeycloakUser>> userById(String userId) {
        return admin(HttpMethod.GET, "/users/" + encode(userId), null)
                .map(response -> response.status() == 404
                        ? Optional.<KeycloakUser>empty()
                        : Optional.of(KeycloakUser.from(response.json(userId))));
    }

    /** The user with exactly this user name, if there is one. */
    public Future<Optional<KeycloakUser>> userByName(String username) {
        if (!searchable(username)) {
            return Future.succeededFuture(Optional.empty());
        }
        return admin(HttpMethod.GET, "/users?exact=true&briefRepresentation=false&username=" + encode(username), null)
                .map(response -> response.array(username).stream()
                        .map(JsonObject.class::cast)
                        .map(KeycloakUser::from)
                        .filter(user -> user.username().equalsIgnoreCase(username))
                        .findFirst());
    }

    /** Up to {@code max} users whose {@code project_id} attribute is this project. */
    public Future<List<KeycloakUser>> usersOfProject(String projectId, int max) {
        if (!searchable(projectId)) {
            return Future.succeededFuture(List.of());
        }
        return admin(
                        HttpMethod.GET,
                        "/users?briefRepresentation=false&max=" + max + "&q=" + encode("project_id:" + projectId),
                        null)
                .map(response -> response.array(projectId).stream()
                        .map(JsonObject.class::cast)
                        .map(KeycloakUser::from)
                        .toList());
    }

    /** Up to {@code max} users of the realm, from the first. */
    public Future<List<KeycloakUser>> users(int max) {
        return admin(HttpMethod.GET, "/users?briefRepresentation=false&max=" + max, null)
                .map(response -> response.array("users").stream()
                        .map(JsonObject.class::cast)
                        .map(KeycloakUser::from)
                        .toList());
    }

    /** The realm roles a user holds, directly or through composites and groups, lower-cased. */
    public Future<Set<String>> realmRoles(String userId) {
        return admin(HttpMethod.GET, "/users/" + encode(userId) + "/role-mappings/realm/composite", null)
                .map(response -> response.array(userId).stream()
                        .map(JsonObject.class::cast)
                        .map(role -> role.getString("name", "").toLowerCase(java.util.Locale.ROOT))
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Up to {@code max} clients whose client id contains {@code fragment}, secrets included. */
    public Future<List<JsonObject>> clientsMatching(String fragment, int max) {
        if (!searchable(fragment)) {
            return Future.succeededFuture(List.of());
        }
        return admin(HttpMethod.GET, "/clients?search=true&max=" + max + "&clientId=" + encode(fragment), null)
                .map(response -> response.array(fragment).stream()
                        .map(JsonObject.class::cast)
                        .toList());
    }

    /** Creates a client from its representation. */
    public Future<Void> createClient(JsonObject representation) {
        return admin(HttpMethod.POST, "/clients", representation).map(response -> {
            if (response.status() == 409) {
                throw new KeycloakRejectedException("a client with this client id exists");
            }
            return null;
        });
    }

    /** Deletes a client by its internal id; an already deleted one is no error. */
    public Future<Void> deleteClient(String internalId) {
        return admin(HttpMethod.DELETE, "/clients/" + encode(internalId), null).mapEmpty();
    }

    public void close() {
        http.close();
    }

    private Future<Grant> grant(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        RequestOptions request = options(HttpMethod.POST, tokenUrl)
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader("Accept", "application/json");
        return send(request, Buffer.buffer(body)).map(response -> {
            if (response.status() == 200) {
                JsonObject answer = response.json("token");
                String token = answer.getString("access_token");
                if (token == null || token.isBlank()) {
                    throw new KeycloakUnavailableException("the token endpoint answered without an access token");
                }
                return new Grant(token, Duration.ofSeconds(answer.getLong("expires_in", 60L)));
            }
            if (response.status() == 400 || response.status() == 401) {
                // invalid_grant (wrong password, unknown or disabled user), invalid_client, unauthorized_client.
                throw new KeycloakRejectedException(errorCode(response.body()));
            }
            throw new KeycloakUnavailableException("the token endpoint answered " + response.status());
        });
    }

    private Future<Reply> admin(HttpMethod method, String path, JsonObject json) {
        return adminToken().compose(token -> {
            RequestOptions request = options(method, adminUrl + path)
                    .putHeader("Authorization", "Bearer " + token)
                    .putHeader("Accept", "application/json");
            Buffer body = null;
            if (json != null) {
                request.putHeader("Content-Type", "application/json");
                body = json.toBuffer();
            }
            return send(request, body).map(response -> {
                if (response.status() >= 200 && response.status() < 300
                        || response.status() == 404
                        || response.status() == 409) {
                    return response;
                }
                throw new KeycloakUnavailableException(
                        "the admin API answered " + response.status() + " to " + method + " " + path.split("\\?")[0]);
            });
        });
    }

    private Future<String> adminToken() {
        AdminToken current = adminToken.get();
        if (current != null && current.validUntil().isAfter(clock.instant())) {
            return Future.succeededFuture(current.value());
        }
        Instant requested = clock.instant();
        return grant(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret))
                .recover(failure -> Future.failedFuture(
                        failure instanceof KeycloakRejectedException
                                ? new KeycloakUnavailableException(
                                        "Keycloak refused the identity client's own credentials ("
                                                + failure.getMessage() + ")")
                                : failure))
                .map(grant -> {
                    adminToken.set(new AdminToken(
                            grant.accessToken(),
                            requested.plus(grant.expiresIn()).minus(ADMIN_TOKEN_MARGIN)));
                    return grant.accessToken();
                });
    }

    private RequestOptions options(HttpMethod method, String url) {
        return new RequestOptions()
                .setMethod(method)
                .setAbsoluteURI(url)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
    }

    private Future<Reply> send(RequestOptions options, Buffer body) {
        return http.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(content -> new Reply(response, content)))
                .recover(failure -> Future.failedFuture(
                        failure instanceof KeycloakException
                                ? failure
                                : new KeycloakUnavailableException(
                                        "Keycloak is not reachable: " + failure.getMessage())));
    }

    private static String errorCode(Buffer body) {
        try {
            return new JsonObject(body).getString("error", "rejected");
        } catch (DecodeException e) {
            return "rejected";
        }
    }

    /**
     * Whether the admin API accepts this as a query value. It refuses ("Blocking invalid query
     * parameter value", 400) any C0 control character but tab, line feed and carriage return, so
     * nothing can be found by such a value: the search answers "none" without asking.
     */
    static boolean searchable(String value) {
        return value.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r');
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Grant(String accessToken, Duration expiresIn) {}

    private record AdminToken(String value, Instant validUntil) {}

    private record Reply(int status, MultiMap headers, Buffer body) {
        Reply(HttpClientResponse response, Buffer body) {
            this(response.statusCode(), response.headers(), body);
        }

        JsonObject json(String what) {
            try {
                return new JsonObject(body);
            } catch (DecodeException | ClassCastException e) {
                throw new KeycloakUnavailableException("Keycloak answered no JSON object for " + what);
            }
        }

        JsonArray array(String what) {
            try {
                return new JsonArray(body);
            } catch (DecodeException | ClassCastException e) {
                throw new KeycloakUnavailableException("Keycloak answered no JSON array for " + what);
            }
        }
    }
}
