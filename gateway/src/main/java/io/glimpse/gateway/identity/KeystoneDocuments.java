package io.glimpse.gateway.identity;

import io.glimpse.gateway.config.GatewayConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The JSON documents of the identity endpoint, shaped like Keystone's (API v3.14): version discovery,
 * tokens with their service catalog, projects, application credentials and collections.
 *
 * <p>The mapping from Keycloak (README, "Identity"): every user and project is in the one domain
 * {@code default} (name {@code Default}); a project's id and name are both the {@code project_id}
 * attribute; a role's id and name are both the realm role's name.
 */
@ApplicationScoped
public class KeystoneDocuments {

    static final String DOMAIN_ID = "default";
    static final String DOMAIN_NAME = "Default";
    private static final String API_VERSION = "v3.14";
    private static final DateTimeFormatter KEYSTONE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String publicUrl;
    private final String identityUrl;
    private final String v3Url;
    private final String region;

    public KeystoneDocuments(GatewayConfig gateway, IdentityConfig identity) {
        this.publicUrl = gateway.publicUrl().toString().replaceAll("/+$", "");
        this.identityUrl = publicUrl + IdentityEndpoint.PREFIX;
        this.v3Url = identityUrl + "/v3";
        this.region = identity.region();
    }

    /** {@code <public-url>/identity/v3}: where clients authenticate, and the 401 challenge's URI. */
    String v3Url() {
        return v3Url;
    }

    /** {@code GET /identity}: the version list (300). */
    JsonObject versions() {
        return new JsonObject().put("versions", new JsonObject().put("values", new JsonArray().add(v3())));
    }

    /** {@code GET /identity/v3}: the one version (200). */
    JsonObject version() {
        return new JsonObject().put("version", v3());
    }

    private JsonObject v3() {
        return new JsonObject()
                .put("id", API_VERSION)
                .put("status", "stable")
                .put("updated", "2020-04-07T00:00:00Z")
                .put(
                        "links",
                        new JsonArray().add(new JsonObject().put("rel", "self").put("href", v3Url + "/")))
                .put(
                        "media-types",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("base", "application/json")
                                        .put("type", "application/vnd.openstack.identity-v3+json")));
    }

    /** A token's body; the catalog only when asked for and the token is scoped, as Keystone does. */
    JsonObject token(KeystoneToken token, boolean includeCatalog) {
        JsonObject body = new JsonObject()
                .put("methods", new JsonArray(token.methods()))
                .put(
                        "user",
                        new JsonObject()
                                .put("domain", domainRef())
                                .put("id", token.userId())
                                .put("name", token.userName())
                                .putNull("password_expires_at"))
                .put("audit_ids", new JsonArray().add(token.auditId()))
                .put("expires_at", time(token.expiresAt()))
                .put("issued_at", time(token.issuedAt()));
        if (token.scoped() && token.projectId().isPresent()) {
            String project = token.projectId().get();
            body.put(
                            "project",
                            new JsonObject()
                                    .put("domain", domainRef())
                                    .put("id", project)
                                    .put("name", project))
                    .put("is_domain", false)
                    .put("roles", roles(token.roles()));
            if (includeCatalog) {
                body.put("catalog", catalog());
            }
        }
        token.applicationCredential()
                .ifPresent(credential -> body.put(
                        "application_credential",
                        new JsonObject()
                                .put("id", credential.id())
                                .put("name", credential.name())
                                .put("restricted", credential.restricted())));
        return new JsonObject().put("token", body);
    }

    /**
     * The service catalog: the image service at the gateway's public URL, the key manager (the signing
     * certificates) under {@code /key-manager}, and this identity endpoint; one region, every interface
     * at the public URL.
     */
    JsonArray catalog() {
        return new JsonArray()
                .add(service("image", "glance", publicUrl))
                .add(service("key-manager", "barbican", publicUrl + "/key-manager"))
                .add(service("identity", "keystone", identityUrl));
    }

    private JsonObject service(String type, String name, String url) {
        JsonArray endpoints = new JsonArray();
        for (String endpointInterface : List.of("public", "internal", "admin")) {
            endpoints.add(new JsonObject()
                    .put("id", stableId(type + "/" + endpointInterface))
                    .put("interface", endpointInterface)
                    .put("region_id", region)
                    .put("region", region)
                    .put("url", url));
        }
        return new JsonObject()
                .put("id", stableId(type))
                .put("type", type)
                .put("name", name)
                .put("endpoints", endpoints);
    }

    /** A project entity; projects are enabled, top-level, in the default domain. */
    JsonObject project(String projectId) {
        return new JsonObject()
                .put("id", projectId)
                .put("name", projectId)
                .put("domain_id", DOMAIN_ID)
                .put("parent_id", DOMAIN_ID)
                .put("description", "")
                .put("enabled", true)
                .put("is_domain", false)
                .put("tags", new JsonArray())
                .put("options", new JsonObject())
                .put("links", new JsonObject().put("self", v3Url + "/projects/" + projectId));
    }

    /** A role reference as tokens and application credentials list them. */
    JsonArray roles(Collection<String> names) {
        JsonArray roles = new JsonArray();
        names.stream()
                .sorted()
                .forEach(name -> roles.add(
                        new JsonObject().put("id", name).put("name", name).putNull("domain_id")));
        return roles;
    }

    /** An application credential; the secret only in the answer to its creation. */
    JsonObject applicationCredential(ApplicationCredential credential, String secret) {
        JsonObject body = new JsonObject()
                .put("id", credential.id())
                .put("name", credential.name())
                .put("description", credential.description().orElse(null))
                .put("user_id", credential.userId())
                .put("project_id", credential.projectId())
                .put("roles", roles(credential.roles()))
                .put(
                        "expires_at",
                        credential.expiresAt().map(KeystoneDocuments::time).orElse(null))
                .put("unrestricted", credential.unrestricted())
                .put("access_rules", new JsonArray())
                .put(
                        "links",
                        new JsonObject()
                                .put(
                                        "self",
                                        v3Url + "/users/" + credential.userId() + "/application_credentials/"
                                                + credential.id()));
        if (secret != null) {
            body.put("secret", secret);
        }
        return body;
    }

    /** A collection as Keystone lists it: the items under {@code key}, and links without paging. */
    JsonObject collection(String key, JsonArray items, String path) {
        return new JsonObject()
                .put(key, items)
                .put(
                        "links",
                        new JsonObject()
                                .put("self", v3Url + path)
                                .putNull("previous")
                                .putNull("next"));
    }

    private static JsonObject domainRef() {
        return new JsonObject().put("id", DOMAIN_ID).put("name", DOMAIN_NAME);
    }

    static String time(Instant instant) {
        return KEYSTONE_TIME.format(instant);
    }

    /** The same hex id for the same catalog entry on every gateway instance and restart. */
    private static String stableId(String name) {
        return UUID.nameUUIDFromBytes(("glimpse-catalog/" + name).getBytes(StandardCharsets.UTF_8))
                .toString()
                .replace("-", "");
    }
}
