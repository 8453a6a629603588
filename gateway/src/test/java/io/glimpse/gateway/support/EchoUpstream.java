package io.glimpse.gateway.support;

import io.glimpse.contracts.internal.SendFile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in service: answers with what it received (method, URI, headers, body size and SHA-256,
 * the body read as a stream), and on request misbehaves. The {@code X-Echo-Behaviour} header picks:
 * <ul>
 *   <li>{@code slow:<ms>}: read the body, then wait before answering;</li>
 *   <li>{@code hangup}: close the connection without answering;</li>
 *   <li>{@code download:<bytes>:<seed>:sized|chunked}: answer with that many pattern bytes,
 *       with or without a Content-Length;</li>
 *   <li>{@code response-hop}: answer with hop-by-hop headers that must not reach the client;</li>
 *   <li>{@code send-file:<status>:<offset>:<length>:<path>}: answer as catalog does when the gateway offered to send
 *       a local file itself: that status, a Content-MD5, the file's path and span, and no body.</li>
 * </ul>
 */
final class EchoUpstream {

    static final String BEHAVIOUR = "X-Echo-Behaviour";

    private final Vertx vertx;
    private final String name;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final Set<String> hungUpOnce = ConcurrentHashMap.newKeySet();
    private HttpServer server;
    private int port;

    EchoUpstream(Vertx vertx, String name) {
        this.vertx = vertx;
        this.name = name;
    }

    Future<Integer> start(int wantedPort) {
        server = vertx.createHttpServer();
        return server.requestHandler(this::handle)
                .listen(wantedPort, "127.0.0.1")
                .map(s -> {
                    port = s.actualPort();
                    return port;
                });
    }

    Future<Void> stop() {
        return server.close();
    }

    int port() {
        return port;
    }

    List<String> seen() {
        return List.copyOf(seen);
    }

    void clearSeen() {
        seen.clear();
    }

    private void handle(HttpServerRequest request) {
        if (request.path().equals("/q/health/ready")) {
            request.response().putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}");
            return;
        }
        seen.add(request.method() + " " + request.uri());
        String behaviour = request.getHeader(BEHAVIOUR) == null ? "" : request.getHeader(BEHAVIOUR);
        if (behaviour.equals("hangup")) {
            request.connection().close();
            return;
        }
        if (behaviour.startsWith("hangup-once:") && hungUpOnce.add(behaviour)) {
            // The first request with this key finds the connection closed; the next one is answered.
            request.connection().close();
            return;
        }
        if (behaviour.startsWith("send-file:")) {
            String[] parts = behaviour.split(":", 5);
            request.end()
                    .onSuccess(ignored -> request.response()
                            .setStatusCode(Integer.parseInt(parts[1]))
                            .putHeader("Content-Type", "application/octet-stream")
                            .putHeader("Content-MD5", "0123456789abcdef0123456789abcdef")
                            .putHeader(SendFile.PATH, parts[4])
                            .putHeader(SendFile.SPAN, parts[2] + " " + parts[3])
                            .putHeader("X-Echo-Offer", String.valueOf(request.getHeader(SendFile.OFFER)))
                            .end());
            return;
        }
        if (behaviour.startsWith("download:")) {
            String[] parts = behaviour.split(":");
            request.end()
                    .onSuccess(ignored -> download(
                            request.response(),
                            Long.parseLong(parts[1]),
                            Long.parseLong(parts[2]),
                            parts[3].equals("sized")));
            return;
        }
        MessageDigest digest = PatternBytes.sha256();
        long[] count = {0};
        request.handler(chunk -> {
            count[0] += chunk.length();
            digest.update(chunk.getByteBuf().nioBuffer());
        });
        request.endHandler(ignored -> {
            JsonObject echo = echo(request, count[0], HexFormat.of().formatHex(digest.digest()));
            if (behaviour.startsWith("slow:")) {
                vertx.setTimer(Long.parseLong(behaviour.substring(5)), t -> respond(request, echo, behaviour));
            } else {
                respond(request, echo, behaviour);
            }
        });
    }

    private JsonObject echo(HttpServerRequest request, long bodyBytes, String sha256) {
        JsonObject headers = new JsonObject();
        for (Map.Entry<String, String> header : request.headers()) {
            String key = header.getKey().toLowerCase(Locale.ROOT);
            JsonArray values = headers.getJsonArray(key, new JsonArray());
            headers.put(key, values.add(header.getValue()));
        }
        return new JsonObject()
                .put("upstream", name)
                .put("method", request.method().name())
                .put("uri", request.uri())
                .put("path", request.path())
                .put("headers", headers)
                .put("bodyBytes", bodyBytes)
                .put("bodySha256", sha256);
    }

    private void respond(HttpServerRequest request, JsonObject echo, String behaviour) {
        HttpServerResponse response =
                request.response().putHeader("Content-Type", "application/json").putHeader("X-Echo-Upstream", name);
        if (behaviour.equals("response-hop")) {
            response.putHeader("Connection", "X-Upstream-Hop")
                    .putHeader("X-Upstream-Hop", "must not reach the client")
                    .putHeader("Proxy-Authenticate", "Basic realm=\"upstream\"")
                    .putHeader("X-Upstream-Kept", "yes");
        }
        response.end(echo.encode());
    }

    private void download(HttpServerResponse response, long size, long seed, boolean sized) {
        response.putHeader("Content-Type", "application/octet-stream");
        if (sized) {
            response.putHeader("Content-Length", Long.toString(size));
        } else {
            response.setChunked(true);
        }
        pump(response, new PatternBytes(size, seed));
    }

    /** Writes while the connection takes it, then waits for drain: back-pressure on the stub's side too. */
    private void pump(HttpServerResponse response, PatternBytes bytes) {
        while (bytes.hasNext() && !response.writeQueueFull()) {
            response.write(Buffer.buffer(bytes.next()));
        }
        if (bytes.hasNext()) {
            response.drainHandler(ignored -> pump(response, bytes));
        } else {
            response.end();
        }
    }
}
