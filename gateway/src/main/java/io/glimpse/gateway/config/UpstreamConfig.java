package io.glimpse.gateway.config;

import java.net.URI;
import java.util.List;

/** One service behind the gateway. */
public interface UpstreamConfig {

    /**
     * The service's base URL, e.g. {@code http://127.0.0.1:9301}; a path in it is prefixed to every forwarded path.
     * Several comma-separated URLs are instances of the same service: requests are spread over them in turn, and one
     * that refuses connections is passed over (in Kubernetes, the Service does the spreading: one URL).
     */
    List<URI> url();
}
