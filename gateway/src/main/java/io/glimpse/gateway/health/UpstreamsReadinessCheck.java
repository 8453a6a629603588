package io.glimpse.gateway.health;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.routing.RouteTable;
import io.glimpse.gateway.routing.Upstream;
import io.glimpse.gateway.routing.UpstreamHttpClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;
import java.util.Map;

/** Ready only while every upstream answers its own {@code /q/health/ready} with 200; the data names each one's state. */
@Readiness
@ApplicationScoped
public class UpstreamsReadinessCheck implements AsyncHealthCheck {

    private static final String READY_PATH = "/q/health/ready";

    private final UpstreamHttpClient client;
    private final List<Upstream> upstreams;
    private final long timeoutMillis;

    public UpstreamsReadinessCheck(UpstreamHttpClient client, RouteTable routeTable, GatewayConfig config) {
        this.client = client;
        this.upstreams = List.copyOf(routeTable.upstreams().values());
        this.timeoutMillis = config.health().probeTimeout().toMillis();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Future<Map.Entry<String, String>>> probes =
                upstreams.stream().map(this::probe).toList();
        Future<HealthCheckResponse> response = Future.join(probes).transform(ignored -> {
            HealthCheckResponseBuilder builder =
                    HealthCheckResponse.named("upstreams").up();
            for (Future<Map.Entry<String, String>> probe : probes) {
                Map.Entry<String, String> state = probe.result();
                builder.withData(state.getKey(), state.getValue());
                if (!state.getValue().equals("UP")) {
                    builder.down();
                }
            }
            return Future.succeededFuture(builder.build());
        });
        return Uni.createFrom().completionStage(response.toCompletionStage());
    }

    /** Never fails: the outcome is the entry's value, "UP" or "DOWN (why)". */
    private Future<Map.Entry<String, String>> probe(Upstream upstream) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                .setURI(upstream.uriFor(READY_PATH, null))
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis);
        return client.client()
                .request(request)
                .compose(req -> req.send())
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .transform(result -> Future.succeededFuture(Map.entry(upstream.name(), state(result))));
    }

    private static String state(AsyncResult<Integer> probe) {
        if (probe.failed()) {
            return "DOWN (" + probe.cause().getMessage() + ")";
        }
        return probe.result() == 200 ? "UP" : "DOWN (status " + probe.result() + ")";
    }
}
