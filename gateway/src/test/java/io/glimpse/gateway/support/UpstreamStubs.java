package io.glimpse.gateway.support;

import io.glimpse.testsupport.LocalSuite;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts, before the gateway, real HTTP servers on random ports: one {@link EchoUpstream} per
 * service, and a control server that serves the key set the gateway trusts (Keycloak's real keys,
 * fetched live, plus the test's own) and lets tests stop/start a stub, rotate a key, or read what a
 * stub received. Tests talk to it over HTTP only ({@link Stubs}), as the resource and the test
 * classes need not share a class loader.
 */
public class UpstreamStubs implements QuarkusTestResourceLifecycleManager {

    public static final List<String> SERVICES = List.of("catalog", "sharing", "import", "signature");
    /** The control name of sharing's second instance (it answers as "sharing", like the first). */
    public static final String SECOND_SHARING = "sharing-2";

    static final String CONTROL_URL_KEY = "glimpse.test.control-url";

    private Vertx vertx;
    private final Map<String, EchoUpstream> upstreams = new LinkedHashMap<>();
    private HttpClient keycloak;
    private volatile boolean rotatedKeyPublished;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        keycloak = vertx.createHttpClient();
        Map<String, String> config = new HashMap<>();
        for (String service : SERVICES) {
            EchoUpstream upstream = new EchoUpstream(vertx, service);
            int port = await(upstream.start(0));
            upstreams.put(service, upstream);
            config.put("glimpse.gateway.upstreams." + service + ".url", "http://127.0.0.1:" + port);
        }
        // sharing runs as two instances, as the launcher's --replicas runs it: the gateway spreads requests over both.
        EchoUpstream second = new EchoUpstream(vertx, "sharing");
        int secondPort = await(second.start(0));
        upstreams.put(SECOND_SHARING, second);
        config.computeIfPresent(
                "glimpse.gateway.upstreams.sharing.url", (key, first) -> first + ",http://127.0.0.1:" + secondPort);
        HttpServer control = vertx.createHttpServer().requestHandler(this::control);
        int controlPort = await(control.listen(0, "127.0.0.1")).actualPort();
        String controlUrl = "http://127.0.0.1:" + controlPort;
        config.put("glimpse.gateway.security.jwks-url", controlUrl + "/jwks");
        config.put(CONTROL_URL_KEY, controlUrl);
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    private void control(HttpServerRequest request) {
        String[] path = request.path().substring(1).split("/");
        switch (path[0]) {
            case "jwks" -> jwks(request);
            case "keys" -> {
                rotatedKeyPublished = true;
                request.response().setStatusCode(204).end();
            }
            case "upstreams" -> upstream(request, upstreams.get(path[1]), path[2]);
            default -> request.response().setStatusCode(404).end();
        }
    }

    /** Keycloak's key set, fetched live, plus the trusted test key (and the rotated one once published). */
    private void jwks(HttpServerRequest request) {
        RequestOptions fetch = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(LocalSuite.realmUrl() + "/protocol/openid-connect/certs");
        keycloak.request(fetch)
                .compose(req -> req.send())
                .compose(response -> response.body())
                .onSuccess(body -> {
                    JsonArray keys = new JsonObject(body.toString()).getJsonArray("keys");
                    keys.add(new JsonObject(TestKeys.TRUSTED.publicJwkJson()));
                    if (rotatedKeyPublished) {
                        keys.add(new JsonObject(TestKeys.ROTATED.publicJwkJson()));
                    }
                    request.response()
                            .putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("keys", keys).encode());
                })
                .onFailure(e -> request.response().setStatusCode(502).end("Keycloak unreachable: " + e));
    }

    private void upstream(HttpServerRequest request, EchoUpstream upstream, String action) {
        if (action.equals("seen") && request.method() == HttpMethod.GET) {
            request.response()
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonArray(List.copyOf(upstream.seen())).encode());
            return;
        }
        Future<?> done = switch (action) {
            case "seen" -> {
                upstream.clearSeen();
                yield Future.succeededFuture();
            }
            case "stop" -> upstream.stop();
            case "start" -> upstream.start(upstream.port());
            default -> Future.failedFuture("unknown action " + action);
        };
        done.onComplete(result ->
                request.response().setStatusCode(result.succeeded() ? 204 : 500).end());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("test stub did not start: " + e, e);
        }
    }
}
