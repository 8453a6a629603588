package io.glimpse.support.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the outbox relay publishes events. */
@ConfigMapping(prefix = "glimpse.outbox")
public interface OutboxConfig {

    /** The CloudEvent {@code source} of this service's events, e.g. {@code /glimpse/catalog-service}. */
    String source();

    /** The pause between two relay passes that found less than a full batch. */
    @WithDefault("100ms")
    Duration relayInterval();

    /** How many unsent events one relay pass publishes at most. */
    @WithDefault("200")
    int batchSize();

    /** How long relayed events stay in the outbox table (for audit and replay) before they are purged. */
    @WithDefault("P7D")
    Duration retention();
}
