package io.glimpse.gateway.routing;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.config.RouteConfig;
import io.glimpse.gateway.config.UpstreamConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {

    @ParameterizedTest
    @ValueSource(strings = {"/identity/**", "/identity", "/internal/**", "/**"})
    void routesThatWouldTakeOverTheGatewaysOwnOrInternalPathsStopStartUp(String path) {
        assertThatThrownBy(() -> new RouteTable(config(path)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("glimpse.gateway.routes[0].paths");
    }

    private static GatewayConfig config(String path) {
        UpstreamConfig upstream = () -> List.of(URI.create("http://127.0.0.1:9301"));
        RouteConfig route = new RouteConfig() {
            @Override
            public String upstream() {
                return "catalog";
            }

            @Override
            public List<String> paths() {
                return List.of(path);
            }
        };
        return (GatewayConfig) Proxy.newProxyInstance(
                GatewayConfig.class.getClassLoader(),
                new Class<?>[] {GatewayConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "upstreams" -> Map.of("catalog", upstream);
                    case "routes" -> List.of(route);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
