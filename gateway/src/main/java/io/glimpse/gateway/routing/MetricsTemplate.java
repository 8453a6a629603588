package io.glimpse.gateway.routing;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Names the route for the HTTP server metrics: Quarkus' Micrometer binder reads the
 * {@code UrlPathTemplate} context local (the key Quarkus REST sets), so the {@code uri} tag is
 * {@code /v2/images/*}{@code /file} rather than one series per image id.
 */
final class MetricsTemplate {

    private static final String KEY = "UrlPathTemplate";
    /** The tag of API calls no route serves (they end in 404). */
    static final String UNROUTED = "UNROUTED";

    private MetricsTemplate() {}

    static void set(String template) {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(KEY, template);
        }
    }
}
