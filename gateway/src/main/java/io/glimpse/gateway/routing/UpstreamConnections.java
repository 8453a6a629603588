package io.glimpse.gateway.routing;

import io.vertx.core.http.HttpConnection;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each upstream connection was opened and how many requests it has carried, so that a connection that closes
 * under a request can be described in the log: a pooled connection the upstream had kept for a minute and closed on
 * its 40th request tells a different story (an upstream restart, a server-side idle timeout) from a fresh one closed
 * on its first (an instance dying). A connection is forgotten once nothing else holds it.
 */
final class UpstreamConnections {

    private record Use(long openedNanos, AtomicLong requests) {}

    private final Map<HttpConnection, Use> open = Collections.synchronizedMap(new WeakHashMap<>());

    /** The client opened {@code connection}. */
    void opened(HttpConnection connection) {
        open.put(connection, new Use(System.nanoTime(), new AtomicLong()));
    }

    /** {@code connection} carries one more request. */
    void carries(HttpConnection connection) {
        Use use = open.get(connection);
        if (use != null) {
            use.requests().incrementAndGet();
        }
    }

    /** E.g. "opened 61.2 s ago, request 40 on it", for a log line. */
    String describe(HttpConnection connection) {
        Use use = connection == null ? null : open.get(connection);
        if (use == null) {
            return "a connection opened before it was tracked";
        }
        double seconds = (System.nanoTime() - use.openedNanos()) / 1e9;
        return String.format(
                java.util.Locale.ROOT,
                "opened %.1f s ago, request %d on it",
                seconds,
                use.requests().get());
    }
}
