package io.glimpse.gateway.routing;

import io.glimpse.gateway.error.GatewayException;

/** The upstream failed in any other way (connection reset, closed before answering, bad TLS): 502. */
public class BadGatewayException extends GatewayException {

    public BadGatewayException(Upstream upstream, Throwable cause) {
        super(502, "The " + upstream.name() + " service failed to answer the request.", cause);
    }
}
