package io.glimpse.gateway.config;

import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /**
     * The largest request body of any call but image data ({@code PUT /file}, {@code PUT /stage}), which streams
     * unbounded; larger → 413 before anything reaches a service, and the connection is closed. The services refuse
     * larger JSON bodies anyway; checking here keeps their refusal (and their closed connection) away from the
     * client, who would otherwise see a 502.
     */
    @WithDefault("10M")
    io.quarkus.runtime.configuration.MemorySize maxRequestBody();

    /** The most HTTP/1.1 connections the gateway opens to each upstream. */
    @WithDefault("64")
    int maxConnectionsPerUpstream();

    /**
     * Directories on this machine whose files a service may ask the gateway to send to the client itself, with
     * sendfile(2), instead of relaying the bytes (image data of a file store the gateway can read; ADR 0010). A file
     * outside them is refused (502). Absent: every body is relayed.
     */
    Optional<List<Path>> sendFileRoots();
}
