package io.glimpse.gateway.routing;

import io.vertx.core.http.HttpConnection;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamConnectionsTest {

    /** Any connection will do: only its identity is used. */
    private static HttpConnection aConnection() {
        return (HttpConnection) Proxy.newProxyInstance(
                HttpConnection.class.getClassLoader(),
                new Class<?>[] {HttpConnection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void describesAConnectionByItsAgeAndTheRequestsItCarried() throws InterruptedException {
        UpstreamConnections connections = new UpstreamConnections();
        HttpConnection pooled = aConnection();
        HttpConnection fresh = aConnection();
        connections.opened(pooled);
        connections.carries(pooled);
        Thread.sleep(120);
        connections.carries(pooled);
        connections.opened(fresh);
        connections.carries(fresh);

        // Ages as the log shows them; a loaded machine may add a pause, never take one away.
        assertThat(connections.describe(pooled))
                .matches("opened (0\\.[1-9]|[1-9][0-9]*\\.[0-9]) s ago, request 2 on it");
        assertThat(connections.describe(fresh)).matches("opened [0-9]+\\.[0-9] s ago, request 1 on it");
        assertThat(connections.describe(aConnection())).isEqualTo("a connection opened before it was tracked");
        assertThat(connections.describe(null)).isEqualTo("a connection opened before it was tracked");
    }
}
