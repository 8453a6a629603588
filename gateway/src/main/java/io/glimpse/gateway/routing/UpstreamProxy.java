package io.glimpse.gateway.routing;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.error.GatewayException;
import io.glimpse.gateway.requestid.RequestId;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Forwards an admitted request to its upstream and streams the answer back. */
@ApplicationScoped
public class UpstreamProxy {

    private final Vertx vertx;
    private final UpstreamHttpClient client;
    private final LocalFiles localFiles;
    private final Duration responseTimeout;
    private final long connectTimeoutMillis;

    public UpstreamProxy(Vertx vertx, UpstreamHttpClient client, LocalFiles localFiles, GatewayConfig config) {
        this.vertx = vertx;
        this.client = client;
        this.localFiles = localFiles;
        this.responseTimeout = config.proxy().responseTimeout();
        this.connectTimeoutMillis = config.proxy().connectTimeout().toMillis();
    }

    public void forward(RoutingContext ctx, ForwardRequest forward) {
        connect(ctx, forward, forward.upstream().inTurn(), 0, isSafeWithoutBody(ctx.request()));
    }

    /**
     * Whether the request may be sent again when its upstream closed the connection without answering: a safe method
     * (RFC 9110 §9.2.1, so sending it twice changes nothing) with no body to replay.
     */
    private static boolean isSafeWithoutBody(HttpServerRequest in) {
        HttpMethod method = in.method();
        boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
        String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        return safe && !in.headers().contains(HttpHeaders.TRANSFER_ENCODING) && (length == null || length.equals("0"));
    }

    /**
     * Connects to the request's upstream, trying its instances in turn: one that cannot be reached now (refused,
     * unreachable, no connection in time) is passed over for the next. Nothing of the request has been sent or read
     * then, so trying another instance is always safe.
     */
    private void connect(
            RoutingContext ctx,
            ForwardRequest forward,
            List<Upstream.Instance> instances,
            int attempt,
            boolean mayRetry) {
        HttpServerRequest in = ctx.request();
        Upstream upstream = forward.upstream();
        Upstream.Instance instance = instances.get(attempt);
        boolean offerSendFile = localFiles.offered() && in.method() == HttpMethod.GET;
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(instance.host())
                .setPort(instance.port())
                .setSsl(instance.ssl())
                .setURI(instance.uriFor(forward.path().value(), in.query()))
                .setHeaders(ForwardedHeaders.towardsUpstream(
                        in, forward.token(), RequestId.of(ctx), forward.versionInAccept(), offerSendFile))
                .setFollowRedirects(false)
                // Bounds the wait for a pooled or new connection, not the exchange itself.
                .setConnectTimeout(connectTimeoutMillis);
        client.client().request(options).onComplete(connected -> {
            if (connected.failed()) {
                GatewayException failure = UpstreamFailures.connecting(upstream, connected.cause());
                if (failure instanceof UpstreamUnavailableException && attempt + 1 < instances.size()) {
                    connect(ctx, forward, instances, attempt + 1, mayRetry);
                } else {
                    ctx.fail(failure);
                }
                return;
            }
            client.connections().carries(connected.result().connection());
            new ProxyExchange(
                            vertx,
                            ctx,
                            connected.result(),
                            client.connections(),
                            upstream,
                            responseTimeout,
                            forward.maxBodyBytes(),
                            offerSendFile ? Optional.of(localFiles) : Optional.empty(),
                            // Once per request, on the next instance (the same one when there is one).
                            mayRetry
                                    ? Optional.of(() ->
                                            connect(ctx, forward, instances, (attempt + 1) % instances.size(), false))
                                    : Optional.empty())
                    .start();
        });
    }
}
