package io.glimpse.gateway.routing;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.error.GatewayException;
import io.glimpse.gateway.requestid.RequestId;
import io.vertx.core.Vertx;
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
        connect(ctx, forward, forward.upstream().inTurn(), 0);
    }

    /**
     * Connects to the request's upstream, trying its instances in turn: one that cannot be reached now (refused,
     * unreachable, no connection in time) is passed over for the next. Nothing of the request has been sent or read
     * then, so trying another instance is always safe.
     */
    private void connect(RoutingContext ctx, ForwardRequest forward, List<Upstream.Instance> instances, int attempt) {
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
                    connect(ctx, forward, instances, attempt + 1);
                } else {
                    ctx.fail(failure);
                }
                return;
            }
            new ProxyExchange(
                            vertx,
                            ctx,
                            connected.result(),
                            upstream,
                            responseTimeout,
                            forward.maxBodyBytes(),
                            offerSendFile ? Optional.of(localFiles) : Optional.empty())
                    .start();
        });
    }
}
