package io.glimpse.sharing.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for catalog-service's internal API ({@code GET /internal/images/{id}},
 * {@code PUT /internal/memberships}) on an ephemeral port, because the real catalog is another
 * service (and its internal API another engineer's work). It demands a real Keycloak token of the
 * {@code glimpse-service} client with the {@code service} role, like catalog does, so the OIDC client
 * and REST client wiring is exercised for real. Tests steer it over HTTP through {@link FakeCatalogControl}
 * (the test and this resource may live in different class loaders).
 */
public class FakeCatalog implements QuarkusTestResourceLifecycleManager {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> images = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
    private final List<String> memberships = new CopyOnWriteArrayList<>();
    private volatile int pushStatus = 204;
    private volatile int lookupStatus = 200;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/internal/", this::internal);
        server.createContext("/fake/", this::control);
        server.start();
        return Map.of(
                "quarkus.rest-client.catalog.url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void internal(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!isServiceToken(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "");
            return;
        }
        if (exchange.getRequestMethod().equals("GET") && path.startsWith("/internal/images/")) {
            String id = path.substring("/internal/images/".length());
            lookups.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
            String state = images.get(id);
            if (lookupStatus != 200) {
                respond(exchange, lookupStatus, "");
            } else {
                respond(exchange, state == null ? 404 : 200, state == null ? "" : state);
            }
        } else if (exchange.getRequestMethod().equals("PUT") && path.equals("/internal/memberships")) {
            memberships.add(body(exchange));
            respond(exchange, pushStatus, "");
        } else {
            respond(exchange, 404, "");
        }
    }

    /** {@code PUT /fake/images/{id}} (ImageState), {@code GET /fake/lookups/{id}}, {@code GET /fake/memberships},
     * {@code PUT /fake/push-status}, {@code PUT /fake/lookup-status} (an HTTP status as text). */
    private void control(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (method.equals("PUT") && path.startsWith("/fake/images/")) {
            images.put(path.substring("/fake/images/".length()), body(exchange));
            respond(exchange, 204, "");
        } else if (method.equals("GET") && path.startsWith("/fake/lookups/")) {
            AtomicInteger count = lookups.get(path.substring("/fake/lookups/".length()));
            respond(exchange, 200, String.valueOf(count == null ? 0 : count.get()));
        } else if (method.equals("GET") && path.equals("/fake/memberships")) {
            respond(exchange, 200, "[" + String.join(",", memberships) + "]");
        } else if (method.equals("PUT") && path.equals("/fake/push-status")) {
            pushStatus = Integer.parseInt(body(exchange).trim());
            respond(exchange, 204, "");
        } else if (method.equals("PUT") && path.equals("/fake/lookup-status")) {
            lookupStatus = Integer.parseInt(body(exchange).trim());
            respond(exchange, 204, "");
        } else {
            respond(exchange, 404, "");
        }
    }

    /** The token's claims, unverified: Keycloak signed it, the test only checks whose it is. */
    private static boolean isServiceToken(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            boolean serviceRole = false;
            for (JsonNode role : claims.path("realm_access").path("roles")) {
                serviceRole |= role.asText().equals("service");
            }
            return serviceRole && claims.path("azp").asText().equals("glimpse-service");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
