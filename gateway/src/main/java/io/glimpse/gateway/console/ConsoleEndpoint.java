package io.glimpse.gateway.console;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.error.NotFoundException;
import io.glimpse.gateway.security.Authenticator;
import io.glimpse.gateway.security.Caller;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The operator console under {@code /console}: its page (public: it signs the user in with Keycloak itself), the
 * settings the page needs ({@code config.json}), and {@code /console/events}, the live stream of every event as
 * server-sent events, for callers with the console's role only.
 */
@ApplicationScoped
public class ConsoleEndpoint {
    static final String EVENTS = "events";
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Map<String, String> ASSETS = Map.of(
            "", "text/html; charset=UTF-8",
            "console.js", "text/javascript; charset=UTF-8",
            "console.css", "text/css; charset=UTF-8");

    private final ConsoleConfig config;
    private final EventFeed feed;
    private final Authenticator authenticator;
    private final Vertx vertx;
    private final Map<String, Buffer> assets = new HashMap<>();
    private final Buffer settings;
    private final String policy;

    public ConsoleEndpoint(
            ConsoleConfig config, EventFeed feed, Authenticator authenticator, Vertx vertx, GatewayConfig gateway) {
        this.config = config;
        this.feed = feed;
        this.authenticator = authenticator;
        this.vertx = vertx;
        this.settings = Buffer.buffer(new JsonObject()
                .put("authority", gateway.security().issuer())
                .put("clientId", config.clientId())
                .put("role", config.role())
                .encode());
        ASSETS.keySet().forEach(name -> assets.put(name, asset(name.isEmpty() ? "index.html" : name)));
        URI issuer = URI.create(gateway.security().issuer());
        String keycloak = issuer.getScheme() + "://" + issuer.getRawAuthority();
        // The page talks to the gateway and to Keycloak's token endpoint, and runs only its own script.
        this.policy = "default-src 'self'; connect-src 'self' " + keycloak + "; img-src 'self' data:; "
                + "frame-ancestors 'none'; form-action 'self' " + keycloak;
    }

    /** Serves {@code /console/...}; {@code segments} are the path's, {@code console} first. */
    public void handle(RoutingContext ctx, List<String> segments) {
        if (!config.enabled()) {
            ctx.fail(new NotFoundException());
            return;
        }
        if (segments.size() == 1 && !ctx.normalizedPath().endsWith("/")) {
            // Relative links of the page resolve under /console/.
            ctx.response()
                    .setStatusCode(301)
                    .putHeader(HttpHeaders.LOCATION, "/console/")
                    .end();
            return;
        }
        String rest = String.join("/", segments.subList(1, segments.size()));
        if (ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD) {
            ctx.fail(new NotFoundException());
            return;
        }
        switch (rest) {
            case EVENTS -> stream(ctx);
            case "config.json" -> send(ctx, "application/json", settings);
            default -> {
                String type = ASSETS.get(rest);
                if (type == null) {
                    ctx.fail(new NotFoundException());
                } else {
                    send(ctx, type, assets.get(rest));
                }
            }
        }
    }

    private void send(RoutingContext ctx, String type, Buffer body) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, type)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("Content-Security-Policy", policy)
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(body);
    }

    private void stream(RoutingContext ctx) {
        authenticator.authenticate(ctx.request().headers()).onFailure(ctx::fail).onSuccess(caller -> {
            if (!isOperator(caller)) {
                ctx.fail(new OperatorRequiredException(config.role()));
                return;
            }
            open(ctx, ctx.request().getHeader("Last-Event-ID"));
        });
    }

    private boolean isOperator(Caller caller) {
        return caller.roles().contains(config.role().toLowerCase(Locale.ROOT));
    }

    /**
     * Streams events until the console goes away. A console that cannot keep up (its connection's write queue full)
     * is disconnected rather than buffered without bound; it reconnects and catches up from its last event.
     */
    private void open(RoutingContext ctx, String lastSeen) {
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=UTF-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": glimpse events\nretry: 2000\n\n");
        Context context = vertx.getOrCreateContext();
        AtomicBoolean open = new AtomicBoolean(true);
        EventFeed.Subscription subscription = feed.subscribe(
                lastSeen,
                event -> context.runOnContext(ignored -> {
                    if (!open.get()) {
                        return;
                    }
                    if (response.writeQueueFull()) {
                        open.set(false);
                        response.reset();
                        return;
                    }
                    response.write("id: " + event.id() + "\ndata: " + event.json() + "\n\n");
                }));
        long heartbeat = vertx.setPeriodic(
                HEARTBEAT.toMillis(),
                timer -> context.runOnContext(ignored -> {
                    if (open.get()) {
                        response.write(": keep-alive\n\n");
                    }
                }));
        response.closeHandler(closed -> {
            open.set(false);
            subscription.close();
            vertx.cancelTimer(heartbeat);
        });
    }

    private static Buffer asset(String name) {
        try (InputStream in = ConsoleEndpoint.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console asset missing from the build: " + name);
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
