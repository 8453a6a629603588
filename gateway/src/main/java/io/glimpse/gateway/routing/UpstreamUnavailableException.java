package io.glimpse.gateway.routing;

import io.glimpse.gateway.error.GatewayException;

/** No connection to the upstream could be made (refused, unreachable, connect timeout): 503. */
public class UpstreamUnavailableException extends GatewayException {

    public UpstreamUnavailableException(Upstream upstream, Throwable cause) {
        super(503, "The " + upstream.name() + " service is unavailable. Please try again later.", cause);
    }
}
