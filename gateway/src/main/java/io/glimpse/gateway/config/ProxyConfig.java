package io.glimpse.gateway.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Connections and timeouts towards the upstreams. Bodies are streamed and have no total timeout. */
public interface ProxyConfig {

    /**
     * How long to wait for an upstream's response headers once the request (body included) has been
     * sent; exceeded → 504.
     */
    @WithDefault("30S")
    Duration responseTimeout();

    /** How long to wait for a connection to an upstream (pool wait included); exceeded → 503. */
    @WithDefault("5S")
    Duration connectTimeout();

    /**
     * An upstream connection on which nothing was read or written for this long is closed, which
     * cuts a stalled stream instead of holding it open for ever.
     */
    @WithDefault("10M")
    Duration idleTimeout();

    /** How long an unused pooled connection to an upstream is kept open. */
    @WithDefault("60S")
    Duration keepAliveTimeout();

    /** The most HTTP/1.1 connections the gateway opens to each upstream. */
    @WithDefault("64")
    int maxConnectionsPerUpstream();
}
