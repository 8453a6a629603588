package io.glimpse.gateway.config;

import java.util.List;

/** One entry of the route table: path patterns served by one upstream. */
public interface RouteConfig {

    /** The name of the upstream (a key of {@code glimpse.gateway.upstreams}) serving these paths. */
    String upstream();

    /**
     * Path patterns after version rewriting: literal segments, {@code *} for exactly one segment and
     * a final {@code **} for any number of further segments (none included), e.g.
     * {@code /v2/images/*}{@code /members/**}. {@code /internal} paths can never be routed.
     */
    List<String> paths();
}
