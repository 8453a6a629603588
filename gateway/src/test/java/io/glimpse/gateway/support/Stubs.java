package io.glimpse.gateway.support;

import io.vertx.core.json.JsonArray;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** The tests' side of {@link UpstreamStubs}' control server. */
public final class Stubs {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Stubs() {}

    public static void stop(String service) {
        post("/upstreams/" + service + "/stop");
    }

    public static void start(String service) {
        post("/upstreams/" + service + "/start");
    }

    /** Publishes {@link TestKeys#ROTATED} in the key set, as an identity provider rotating keys would. */
    public static void publishRotatedKey() {
        post("/keys/rotated");
    }

    /** What a stub received, as {@code "METHOD uri"} lines. */
    public static List<String> seenBy(String service) {
        String body = send(HttpRequest.newBuilder(uri("/upstreams/" + service + "/seen"))
                .GET()
                .build());
        return new JsonArray(body).stream().map(String::valueOf).toList();
    }

    public static void forgetSeen(String service) {
        send(HttpRequest.newBuilder(uri("/upstreams/" + service + "/seen"))
                .DELETE()
                .build());
    }

    private static void post(String path) {
        send(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.uri() + " -> " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(String path) {
        return URI.create(ConfigProvider.getConfig().getValue(UpstreamStubs.CONTROL_URL_KEY, String.class) + path);
    }
}
