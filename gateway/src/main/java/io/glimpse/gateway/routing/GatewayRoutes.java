package io.glimpse.gateway.routing;

import io.glimpse.gateway.console.ConsoleEndpoint;
import io.glimpse.gateway.error.ErrorResponder;
import io.glimpse.gateway.error.NotFoundException;
import io.glimpse.gateway.identity.IdentityEndpoint;
import io.glimpse.gateway.routing.Destination.ApiCall;
import io.glimpse.gateway.routing.Destination.Console;
import io.glimpse.gateway.routing.Destination.Healthcheck;
import io.glimpse.gateway.routing.Destination.Hidden;
import io.glimpse.gateway.routing.Destination.Identity;
import io.glimpse.gateway.routing.Destination.VersionList;
import io.glimpse.gateway.versions.VersionsResponder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;

/**
 * Puts the gateway on Quarkus' router: one route for every public path (everything outside the
 * {@code /q} management endpoints), dispatched by {@link PublicPathResolver}; failures of any
 * kind go to the {@link ErrorResponder}.
 */
@ApplicationScoped
public class GatewayRoutes {

    /** Everything but Quarkus' non-application endpoints ({@code /q/health}, {@code /q/metrics}). */
    static final String PUBLIC_PATHS = "^(?!/q(/|$)).*";

    private final PublicPathResolver resolver;
    private final ApiCallHandler apiCalls;
    private final VersionsResponder versions;
    private final GlanceHealthcheck healthcheck;
    private final IdentityEndpoint identity;
    private final ConsoleEndpoint console;
    private final ErrorResponder errors;

    public GatewayRoutes(
            PublicPathResolver resolver,
            ApiCallHandler apiCalls,
            VersionsResponder versions,
            GlanceHealthcheck healthcheck,
            IdentityEndpoint identity,
            ConsoleEndpoint console,
            ErrorResponder errors) {
        this.resolver = resolver;
        this.apiCalls = apiCalls;
        this.versions = versions;
        this.healthcheck = healthcheck;
        this.identity = identity;
        this.console = console;
        this.errors = errors;
    }

    void register(@Observes Router router) {
        router.routeWithRegex(PUBLIC_PATHS).handler(this::dispatch).failureHandler(errors::handleFailure);
    }

    void dispatch(RoutingContext ctx) {
        // Nothing of the body is read until the request is admitted and its upstream connected.
        ctx.request().pause();
        Destination destination = resolver.resolve(
                ctx.normalizedPath(), Optional.ofNullable(ctx.request().getHeader(HttpHeaders.ACCEPT)));
        switch (destination) {
            case VersionList list -> versions.respond(ctx, list.status());
            case Healthcheck ignored -> healthcheck.respond(ctx);
            case Hidden ignored -> ctx.fail(new NotFoundException());
            case Identity ignored -> identity.handle(ctx);
            case Console console -> this.console.handle(ctx, console.path().segments());
            case ApiCall call -> apiCalls.handle(ctx, call);
        }
    }
}
