package io.glimpse.gateway.routing;

import io.glimpse.gateway.error.GatewayException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/** Sorts a failure to reach an upstream into the status the client gets. */
final class UpstreamFailures {

    private UpstreamFailures() {}

    /**
     * While obtaining a connection: refused, unknown host, unreachable, or no connection in time
     * (connect or pool wait) all mean "not available now", 503; anything else (e.g. a TLS
     * handshake failure, a misconfiguration) is a 502.
     */
    static GatewayException connecting(Upstream upstream, Throwable cause) {
        if (cause instanceof ConnectException
                || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException
                || cause instanceof TimeoutException) {
            return new UpstreamUnavailableException(upstream, cause);
        }
        return new BadGatewayException(upstream, cause);
    }

    /**
     * The upstream closed the connection before any answer: the request may not have been processed at all (a pooled
     * connection the upstream had just closed) or its instance died. Only then may a safe request be sent again.
     */
    static boolean closedBeforeAnswering(Throwable cause) {
        return cause instanceof HttpClosedException
                || cause instanceof VertxException
                        && String.valueOf(cause.getMessage()).contains("Connection was closed");
    }

    /** After the request went out and before response headers: a broken exchange, 502. */
    static GatewayException exchanging(Upstream upstream, Throwable cause) {
        return new BadGatewayException(upstream, cause);
    }
}
