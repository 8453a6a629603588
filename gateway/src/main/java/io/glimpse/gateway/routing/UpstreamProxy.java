package io.glimpse.gateway.routing;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.requestid.RequestId;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
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
        HttpServerRequest in = ctx.request();
        Upstream upstream = forward.upstream();
        boolean offerSendFile = localFiles.offered() && in.method() == HttpMethod.GET;
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                .setURI(upstream.uriFor(forward.path().value(), in.query()))
                .setHeaders(ForwardedHeaders.towardsUpstream(
                        in, forward.token(), RequestId.of(ctx), forward.versionInAccept(), offerSendFile))
                .setFollowRedirects(false)
                // Bounds the wait for a pooled or new connection, not the exchange itself.
                .setConnectTimeout(connectTimeoutMillis);
        client.client().request(options).onComplete(connected -> {
            if (connected.failed()) {
                ctx.fail(UpstreamFailures.connecting(upstream, connected.cause()));
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
