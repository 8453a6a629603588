package io.glimpse.gateway.routing;

import io.glimpse.gateway.error.GatewayException;

import java.util.List;
import java.util.Map;

/** No connection to the upstream could be made (refused, unreachable, connect timeout): 503. */
public class UpstreamUnavailableException extends GatewayException {

    public UpstreamUnavailableException(Upstream upstream, Throwable cause) {
        super(503, "The " + upstream.name() + " service is unavailable. Please try again later.", cause);
    }

    /** A restarting service is back within seconds; the same hint the services give when their database is down. */
    @Override
    public Map<String, List<String>> headers() {
        return Map.of("Retry-After", List.of("5"));
    }
}
