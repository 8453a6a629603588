package io.glimpse.gateway.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The readiness checks. */
public interface HealthConfig {

    /** Time allowed for each readiness probe (key-set fetch, each upstream's {@code /q/health/ready}). */
    @WithDefault("2S")
    Duration probeTimeout();
}
