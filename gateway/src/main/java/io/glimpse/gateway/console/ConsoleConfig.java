package io.glimpse.gateway.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** The operator console at {@code /console}: where its events come from, who may watch them, how much it keeps. */
@ConfigMapping(prefix = "glimpse.console")
public interface ConsoleConfig {

    /** Serve the console and read Kafka for it; when false, {@code /console} is 404 and no consumer runs. */
    @WithDefault("true")
    boolean enabled();

    /** Kafka's bootstrap servers, where the events are read. */
    String bootstrapServers();

    /** The topics shown: every topic the services publish to. */
    @WithDefault("glimpse.images,glimpse.members,glimpse.tasks,glimpse.signatures,glimpse.metadefs")
    List<String> topics();

    /**
     * Events kept in memory per partition at most, read back from Kafka when the gateway starts, and replayed to a
     * console that connects or reconnects (it catches up from the last event it saw, or from all of them).
     */
    @WithDefault("2000")
    int replayPerPartition();

    /** The realm role a user needs to watch the console (Glance's admin); a dedicated operator role works too. */
    @WithDefault("admin")
    String role();

    /** The Keycloak client the page signs in with (public, authorization code with PKCE). */
    @WithDefault("glimpse-console")
    String clientId();
}
