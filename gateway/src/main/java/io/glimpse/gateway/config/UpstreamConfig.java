package io.glimpse.gateway.config;

import java.net.URI;

/** One service behind the gateway. */
public interface UpstreamConfig {

    /**
     * The service's base URL, e.g. {@code http://127.0.0.1:9301}; a path in it is prefixed to every
     * forwarded path.
     */
    URI url();
}
