package io.glimpse.gateway.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An application credential, kept as a confidential Keycloak client of its own (ADR 0005): the
 * client's attributes hold what Keystone shows and a one-way hash of the secret; its protocol mappers
 * put the creator's identity, project and the credential's roles into every token it gets; its own
 * client secret is random, known to Keycloak and the gateway only, so tokens for it are obtained
 * through the identity endpoint, which checks the secret, the expiry and the creator first.
 *
 * @param keycloakId     the client's internal id in Keycloak (for deletion)
 * @param clientSecret   the client's own secret in Keycloak, never shown to users
 * @param secretHash     {@link SecretHasher}'s hash of the credential's secret
 */
record ApplicationCredential(
        String id,
        String name,
        Optional<String> description,
        String userId,
        String userName,
        String projectId,
        Set<String> roles,
        Optional<Instant> expiresAt,
        boolean unrestricted,
        String secretHash,
        String keycloakId,
        String clientSecret) {

    /** Every backing client's id starts with this, followed by {@code <user id>.<credential id>}. */
    static final String CLIENT_ID_PREFIX = "glimpse-appcred.";

    private static final String ATTRIBUTE = "glimpse.application-credential.";

    static String clientIdPrefixOf(String userId) {
        return CLIENT_ID_PREFIX + userId + ".";
    }

    String clientId() {
        return clientIdPrefixOf(userId) + id;
    }

    boolean isExpired(Instant now) {
        return expiresAt.map(at -> !at.isAfter(now)).orElse(false);
    }

    /** The credential stored in a client, or empty when the client is not one of ours or is damaged. */
    static Optional<ApplicationCredential> fromClient(JsonObject client) {
        JsonObject attributes = client.getJsonObject("attributes", new JsonObject());
        String clientId = client.getString("clientId", "");
        String id = attributes.getString(ATTRIBUTE + "id");
        String userId = attributes.getString(ATTRIBUTE + "user-id");
        String hash = attributes.getString(ATTRIBUTE + "secret-hash");
        if (id == null || userId == null || hash == null || !clientId.equals(clientIdPrefixOf(userId) + id)) {
            return Optional.empty();
        }
        Optional<Instant> expiresAt;
        try {
            expiresAt = Optional.ofNullable(attributes.getString(ATTRIBUTE + "expires-at"))
                    .filter(at -> !at.isBlank())
                    .map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        Set<String> roles = Arrays.stream(
                        attributes.getString(ATTRIBUTE + "roles", "").split(","))
                .filter(role -> !role.isBlank())
                .collect(Collectors.toCollection(TreeSet::new));
        return Optional.of(new ApplicationCredential(
                id,
                attributes.getString(ATTRIBUTE + "name", ""),
                Optional.ofNullable(attributes.getString(ATTRIBUTE + "description")),
                userId,
                attributes.getString(ATTRIBUTE + "user-name", userId),
                attributes.getString(ATTRIBUTE + "project-id", ""),
                roles,
                expiresAt,
                Boolean.parseBoolean(attributes.getString(ATTRIBUTE + "unrestricted", "false")),
                hash,
                client.getString("id", ""),
                client.getString("secret", "")));
    }

    /**
     * The Keycloak client that backs this credential. No default client scopes, so its tokens carry
     * only what the mappers put in: the creator as {@code sub} and {@code preferred_username}, the
     * project, the credential's roles as realm roles, the credential itself, and the audience the
     * gateway requires. Keycloak refuses the client's secret after {@code expires_at}
     * ({@code client.secret.expiration.time}).
     */
    JsonObject toClient(String audience) {
        JsonObject attributes = new JsonObject()
                .put(ATTRIBUTE + "id", id)
                .put(ATTRIBUTE + "name", name)
                .put(ATTRIBUTE + "user-id", userId)
                .put(ATTRIBUTE + "user-name", userName)
                .put(ATTRIBUTE + "project-id", projectId)
                .put(ATTRIBUTE + "roles", String.join(",", roles))
                .put(ATTRIBUTE + "unrestricted", Boolean.toString(unrestricted))
                .put(ATTRIBUTE + "secret-hash", secretHash);
        description.ifPresent(text -> attributes.put(ATTRIBUTE + "description", text));
        expiresAt.ifPresent(at -> attributes
                .put(ATTRIBUTE + "expires-at", at.toString())
                .put("client.secret.expiration.time", Long.toString(at.getEpochSecond())));
        JsonObject credentialClaim =
                new JsonObject().put("id", id).put("name", name).put("restricted", !unrestricted);
        JsonObject rolesClaim =
                new JsonObject().put("roles", new JsonArray(roles.stream().toList()));
        return new JsonObject()
                .put("clientId", clientId())
                .put("name", "Application credential " + name + " of " + userName)
                .put("description", "Backs a Keystone application credential; managed by the Glimpse gateway.")
                .put("enabled", true)
                .put("protocol", "openid-connect")
                .put("publicClient", false)
                .put("clientAuthenticatorType", "client-secret")
                .put("secret", clientSecret)
                .put("serviceAccountsEnabled", true)
                .put("standardFlowEnabled", false)
                .put("implicitFlowEnabled", false)
                .put("directAccessGrantsEnabled", false)
                .put("fullScopeAllowed", false)
                .put("defaultClientScopes", new JsonArray())
                .put("optionalClientScopes", new JsonArray())
                .put("attributes", attributes)
                .put(
                        "protocolMappers",
                        new JsonArray()
                                .add(claim("sub", userId, "String"))
                                .add(claim("preferred_username", userName, "String"))
                                .add(claim("project_id", projectId, "String"))
                                .add(claim("realm_access", rolesClaim.encode(), "JSON"))
                                .add(claim(TokenClaims.APPLICATION_CREDENTIAL_CLAIM, credentialClaim.encode(), "JSON"))
                                .add(new JsonObject()
                                        .put("name", "audience")
                                        .put("protocol", "openid-connect")
                                        .put("protocolMapper", "oidc-audience-mapper")
                                        .put(
                                                "config",
                                                new JsonObject()
                                                        .put("included.custom.audience", audience)
                                                        .put("access.token.claim", "true")
                                                        .put("introspection.token.claim", "true"))));
    }

    private static JsonObject claim(String name, String value, String type) {
        return new JsonObject()
                .put("name", name)
                .put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-hardcoded-claim-mapper")
                .put(
                        "config",
                        new JsonObject()
                                .put("claim.name", name)
                                .put("claim.value", value)
                                .put("jsonType.label", type)
                                .put("access.token.claim", "true")
                                .put("introspection.token.claim", "true"));
    }

    @Override
    public String toString() {
        // Never the hash or the client's secret.
        return "ApplicationCredential[" + id + ", " + name + ", user=" + userName + ", project=" + projectId + "]";
    }
}
