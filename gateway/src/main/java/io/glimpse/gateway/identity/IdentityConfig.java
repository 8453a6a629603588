package io.glimpse.gateway.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/**
 * The Keystone v3 identity endpoint served under {@code <public-url>/identity} (keys
 * {@code glimpse.gateway.identity.*}). Tokens it hands out are Keycloak access tokens of the realm the
 * gateway trusts ({@code glimpse.gateway.security.issuer}).
 */
@ConfigMapping(prefix = "glimpse.gateway.identity")
public interface IdentityConfig {

    /** Keycloak's token endpoint of the realm, e.g. {@code <issuer>/protocol/openid-connect/token}. */
    URI tokenUrl();

    /** Keycloak's admin REST API of the realm, e.g. {@code http://127.0.0.1:8180/admin/realms/glimpse}. */
    URI adminUrl();

    /**
     * The confidential Keycloak client the endpoint acts as: its password grant logs users in, and its
     * service account (roles {@code view-users}, {@code query-users}, {@code view-clients},
     * {@code query-clients}, {@code manage-clients} of {@code realm-management}) looks users up and
     * manages the clients behind application credentials.
     */
    @WithDefault("glimpse-identity")
    String clientId();

    /** That client's secret. */
    String clientSecret();

    /** The region every endpoint of the service catalog is in. */
    @WithDefault("RegionOne")
    String region();

    /** Time allowed for one call to Keycloak; exceeded → 503. */
    @WithDefault("10S")
    Duration keycloakTimeout();

    /**
     * The most application credentials one user may hold (Keystone's
     * {@code [application_credential] user_limit}); one more → 403.
     */
    @WithDefault("100")
    int applicationCredentialsPerUser();

    /** The most users read when an administrator lists every project (a project is a {@code project_id} in use). */
    @WithDefault("1000")
    int projectScanLimit();
}
