package io.glimpse.gateway.config;

import io.smallrye.config.WithDefault;

/** The {@code x-openstack-request-id} handling. */
public interface RequestIdConfig {

    /** The longest request id a caller may send (Glance's {@code max_request_id_length}); longer → 431. */
    @WithDefault("64")
    int maxLength();
}
