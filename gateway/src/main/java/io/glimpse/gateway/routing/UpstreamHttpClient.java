package io.glimpse.gateway.routing;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.config.ProxyConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The pooled, keep-alive HTTP/1.1 client the gateway uses towards every upstream. */
@ApplicationScoped
public class UpstreamHttpClient {

    /** The largest piece of a response body handed over at once (a socket read is at most 64 KiB). */
    private static final int MAX_CHUNK_SIZE = 64 * 1024;

    private final HttpClient client;
    private final UpstreamConnections connections = new UpstreamConnections();

    public UpstreamHttpClient(Vertx vertx, GatewayConfig config) {
        ProxyConfig proxy = config.proxy();
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(seconds(proxy.keepAliveTimeout()))
                .setConnectTimeout((int) proxy.connectTimeout().toMillis())
                .setIdleTimeout((int) proxy.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                // Bytes pass through as they are: no decompression, no redirects followed.
                .setDecompressionSupported(false)
                .setTryUseCompression(false)
                .setTcpNoDelay(true)
                // A response body is relayed chunk by chunk, each one copied and written out once: the 8 KiB
                // default cut an image download into 8 KiB writes, and a chunk never exceeds one socket read.
                .setMaxChunkSize(MAX_CHUNK_SIZE);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(proxy.maxConnectionsPerUpstream());
        this.client = vertx.httpClientBuilder()
                .with(options)
                .with(pool)
                .withConnectHandler(connections::opened)
                .build();
    }

    public HttpClient client() {
        return client;
    }

    /** Age and use of each open connection, for the log when one closes under a request. */
    UpstreamConnections connections() {
        return connections;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private static int seconds(Duration duration) {
        return (int) Math.max(1, duration.toSeconds());
    }
}
