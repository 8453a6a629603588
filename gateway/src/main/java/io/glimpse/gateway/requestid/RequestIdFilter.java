package io.glimpse.gateway.requestid;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.error.ErrorResponder;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives every request its id before anything else runs, and stamps it on every response, the
 * gateway's own answers, proxied ones and the {@code /q} endpoints alike.
 */
@ApplicationScoped
public class RequestIdFilter {

    /** Runs before every other filter and route (Quarkus calls higher priorities first). */
    static final int PRIORITY = 10_000;

    private final ErrorResponder errors;
    private final int maxLength;

    public RequestIdFilter(ErrorResponder errors, GatewayConfig config) {
        this.errors = errors;
        this.maxLength = config.requestId().maxLength();
    }

    void register(@Observes Filters filters) {
        filters.register(this::assign, PRIORITY);
    }

    void assign(RoutingContext ctx) {
        String inbound = ctx.request().getHeader(RequestId.HEADER);
        boolean tooLong = inbound != null && inbound.length() > maxLength;
        RequestId id =
                inbound == null || inbound.isEmpty() || tooLong ? RequestId.generate() : RequestId.fromCaller(inbound);
        id.attachTo(ctx);
        ctx.addHeadersEndHandler(ignored -> ctx.response().headers().set(RequestId.RESPONSE_HEADER, id.value()));
        if (tooLong) {
            errors.respond(ctx, new RequestIdTooLongException(maxLength));
            return;
        }
        ctx.next();
    }
}
