package io.glimpse.gateway.config;

import io.smallrye.config.WithDefault;

/** The deployment features that decide which API versions are listed (glance-v2-api.md §1.1). */
public interface VersionsConfig {

    /** Whether the image cache API is deployed; adds v2.14, v2.16 and v2.18 (then CURRENT). */
    @WithDefault("false")
    boolean imageCache();

    /** Whether several stores are configured (multi-store); adds v2.8 and v2.10 to v2.13. */
    @WithDefault("true")
    boolean multiStore();
}
