package io.glimpse.gateway.routing;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.config.RouteConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which upstream serves a path: the configured routes, tried in order. Built and checked once at
 * start-up, so a route naming an unknown upstream or exposing {@code /internal} stops the gateway.
 */
@ApplicationScoped
public class RouteTable {

    private static final String INTERNAL = "internal";
    /** The gateway's own identity endpoint: no service may take it over. */
    private static final String IDENTITY = "identity";

    private final Map<String, Upstream> upstreams;
    private final List<Route> routes;

    public RouteTable(GatewayConfig config) {
        Map<String, Upstream> byName = new LinkedHashMap<>();
        config.upstreams().forEach((name, upstream) -> byName.put(name, Upstream.of(name, upstream.url())));
        this.upstreams = Map.copyOf(byName);
        this.routes = List.copyOf(build(config.routes(), byName));
    }

    public Optional<Route> resolve(RequestPath path) {
        return routes.stream().filter(route -> route.pattern().matches(path)).findFirst();
    }

    public List<Route> routes() {
        return routes;
    }

    public Map<String, Upstream> upstreams() {
        return upstreams;
    }

    private static List<Route> build(List<RouteConfig> configured, Map<String, Upstream> upstreams) {
        if (configured.isEmpty()) {
            throw new IllegalStateException("glimpse.gateway.routes is empty: the gateway would route nothing");
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            RouteConfig route = configured.get(i);
            String key = "glimpse.gateway.routes[" + i + "]";
            Upstream upstream = upstreams.get(route.upstream());
            if (upstream == null) {
                throw new IllegalStateException(key + ".upstream names '" + route.upstream()
                        + "', which is not one of glimpse.gateway.upstreams " + upstreams.keySet());
            }
            for (String text : route.paths()) {
                PathPattern pattern;
                try {
                    pattern = PathPattern.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(key + ".paths: " + e.getMessage(), e);
                }
                if (pattern.startsWithSegment(INTERNAL)
                        || pattern.startsWithSegment("*")
                        || pattern.startsWithSegment("**")) {
                    throw new IllegalStateException(key + ".paths: '" + text
                            + "' could expose /internal, which is only for calls between services");
                }
                if (pattern.startsWithSegment(IDENTITY)) {
                    throw new IllegalStateException(
                            key + ".paths: '" + text + "' would forward /identity, which the gateway serves itself");
                }
                routes.add(new Route(pattern, upstream));
            }
        }
        return routes;
    }
}
