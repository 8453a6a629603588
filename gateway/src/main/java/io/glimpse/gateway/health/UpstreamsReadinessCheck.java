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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ready only while every upstream has an instance that answers its own {@code /q/health/ready} with 200 (one instance
 * down of several leaves the service served); the data says UP, or each instance's URL and state when one is not.
 */
@Readiness
@ApplicationScoped
public class UpstreamsReadinessCheck implements AsyncHealthCheck {

    private static final String READY_PATH = "/q/health/ready";
    private static final String UP = "UP";

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
        Map<Upstream, List<Future<String>>> probes = new LinkedHashMap<>();
        upstreams.forEach(upstream -> probes.put(
                upstream, upstream.instances().stream().map(this::probe).toList()));
        List<Future<String>> all =
                probes.values().stream().flatMap(List::stream).toList();
        Future<HealthCheckResponse> response = Future.join(all).transform(ignored -> {
            HealthCheckResponseBuilder builder =
                    HealthCheckResponse.named("upstreams").up();
            probes.forEach((upstream, instances) -> {
                List<String> states = instances.stream().map(Future::result).toList();
                boolean allUp = states.stream().allMatch(UP::equals);
                builder.withData(
                        upstream.name(),
                        states.size() == 1 ? states.getFirst() : allUp ? UP : describe(upstream, states));
                if (states.stream().noneMatch(UP::equals)) {
                    builder.down();
                }
            });
            return Future.succeededFuture(builder.build());
        });
        return Uni.createFrom().completionStage(response.toCompletionStage());
    }

    private static String describe(Upstream upstream, List<String> states) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < states.size(); i++) {
            words.append(i == 0 ? "" : ", ")
                    .append(upstream.instances().get(i).baseUrl())
                    .append(' ')
                    .append(states.get(i));
        }
        return words.toString();
    }

    /** Never fails: the outcome is "UP" or "DOWN (why)". */
    private Future<String> probe(Upstream.Instance instance) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(instance.host())
                .setPort(instance.port())
                .setSsl(instance.ssl())
                .setURI(instance.uriFor(READY_PATH, null))
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis);
        return client.client()
                .request(request)
                .compose(req -> req.send())
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .transform(result -> Future.succeededFuture(state(result)));
    }

    private static String state(AsyncResult<Integer> probe) {
        if (probe.failed()) {
            return "DOWN (" + probe.cause().getMessage() + ")";
        }
        return probe.result() == 200 ? UP : "DOWN (status " + probe.result() + ")";
    }
}
