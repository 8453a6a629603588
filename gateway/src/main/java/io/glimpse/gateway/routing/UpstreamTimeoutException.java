package io.glimpse.gateway.routing;

import io.glimpse.gateway.error.GatewayException;

import java.time.Duration;

/** The upstream sent no response headers in time: 504. */
public class UpstreamTimeoutException extends GatewayException {

    public UpstreamTimeoutException(Upstream upstream, Duration waited) {
        super(504, "The " + upstream.name() + " service did not answer within " + readable(waited) + ".");
    }

    private static String readable(Duration waited) {
        return waited.toMillis() % 1000 == 0 ? waited.toSeconds() + " s" : waited.toMillis() + " ms";
    }
}
