package io.glimpse.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the gateway reads from {@code glimpse.gateway.*}. */
@ConfigMapping(prefix = "glimpse.gateway")
public interface GatewayConfig {

    /**
     * The gateway's public base URL as clients reach it (Glance's {@code public_endpoint}); the
     * version list links to {@code <public-url>/v2/}.
     */
    @WithDefault("http://127.0.0.1:9292")
    URI publicUrl();

    /**
     * An oslo.policy-style YAML file overriding Glance's secure-RBAC defaults, the same file the
     * services load. Absent: the defaults only. A file that cannot be read or parsed stops start-up.
     */
    Optional<String> policyFile();

    /** How bearer tokens are verified. */
    SecurityConfig security();

    /**
     * The services behind the gateway, by name ({@code catalog}, {@code sharing}, {@code import},
     * {@code signature}); {@link #routes()} refers to these names.
     */
    Map<String, UpstreamConfig> upstreams();

    /**
     * Which upstream serves which public path, tried in order; the first route with a matching
     * pattern wins, so specific families come before the catalog's {@code /v2/**} catch-all.
     */
    List<RouteConfig> routes();

    /** Connections and timeouts towards the upstreams. */
    ProxyConfig proxy();

    /** What the version list ({@code /}, {@code /versions}) advertises. */
    VersionsConfig versions();

    /** The {@code x-openstack-request-id} handling. */
    RequestIdConfig requestId();

    /** The readiness checks. */
    HealthConfig health();
}
