package io.glimpse.gateway.routing;

import io.glimpse.gateway.http.RequestBodies;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Glance's {@code /healthcheck} (oslo.middleware): "OK" while the process serves requests. The router answers
 * it itself; it says nothing about the upstreams, which package health's readiness checks (watching this
 * package's route table) report on {@code /q/health/ready}.
 */
@ApplicationScoped
public class GlanceHealthcheck {

    public void respond(RoutingContext ctx) {
        RequestBodies.discardRemaining(ctx.request());
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8")
                .end("OK");
    }
}
