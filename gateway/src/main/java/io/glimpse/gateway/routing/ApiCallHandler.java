package io.glimpse.gateway.routing;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.error.NotFoundException;
import io.glimpse.gateway.policy.RoutePolicy;
import io.glimpse.gateway.routing.Destination.Api;
import io.glimpse.gateway.routing.Destination.ApiCall;
import io.glimpse.gateway.security.Authenticator;
import io.glimpse.gateway.security.Caller;
import io.glimpse.policy.Credentials;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * An API call, in Glance's order: authenticate (401), require a project on the image API (403),
 * then the route checks (404 for empty path segments, 405, 400 for a forbidden body), the
 * route-level policy (403), and finally the upstream that serves the path.
 */
@ApplicationScoped
public class ApiCallHandler {

    private final Authenticator authenticator;
    private final GlanceRoutes glanceRoutes;
    private final RoutePolicy routePolicy;
    private final RouteTable routeTable;
    private final UpstreamProxy proxy;
    private final long maxRequestBody;

    public ApiCallHandler(
            Authenticator authenticator,
            GlanceRoutes glanceRoutes,
            RoutePolicy routePolicy,
            RouteTable routeTable,
            UpstreamProxy proxy,
            GatewayConfig config) {
        this.maxRequestBody = config.proxy().maxRequestBody().asLongValue();
        this.authenticator = authenticator;
        this.glanceRoutes = glanceRoutes;
        this.routePolicy = routePolicy;
        this.routeTable = routeTable;
        this.proxy = proxy;
    }

    public void handle(RoutingContext ctx, ApiCall call) {
        RequestPath path = call.path();
        Optional<GlanceRoute> glanceRoute = call.api() == Api.IMAGE_V2 ? glanceRoutes.match(path) : Optional.empty();
        Optional<Route> route = routeTable.resolve(path);
        MetricsTemplate.set(glanceRoute
                .map(r -> r.pattern().text())
                .or(() -> route.map(r -> r.pattern().text()))
                .orElse(MetricsTemplate.UNROUTED));
        authenticator
                .authenticate(ctx.request().headers())
                .map(caller -> admit(ctx.request(), call, caller, glanceRoute, route))
                .onSuccess(forward -> proxy.forward(ctx, forward))
                .onFailure(ctx::fail);
    }

    private ForwardRequest admit(
            HttpServerRequest request,
            ApiCall call,
            Caller caller,
            Optional<GlanceRoute> glanceRoute,
            Optional<Route> route) {
        if (call.api() == Api.IMAGE_V2) {
            Credentials credentials = caller.credentials();
            if (call.path().hasEmptySegment()) {
                // /v2/images/ must not reach the collection (tempest test_get_image_null_id).
                throw new NotFoundException();
            }
            if (glanceRoute.isPresent()) {
                check(glanceRoute.get(), request);
                routePolicy.enforce(glanceRoute.get().rulesFor(request.method()), credentials);
            }
        }
        Upstream upstream = route.orElseThrow(NotFoundException::new).upstream();
        long maxBody =
                glanceRoute.filter(r -> r.carriesImageData(request.method())).isPresent()
                        ? Long.MAX_VALUE
                        : maxRequestBody;
        if (declaredLength(request.headers()) > maxBody) {
            throw new RequestTooLargeException(maxBody);
        }
        return new ForwardRequest(upstream, call.path(), caller.token(), call.versionInAccept(), maxBody);
    }

    private static void check(GlanceRoute route, HttpServerRequest request) {
        HttpMethod method = request.method();
        if (!route.allows(method)) {
            throw new MethodNotAllowedException(method.name(), route.allowHeader());
        }
        if (route.forbidsBody(method) && hasBody(request.headers())) {
            throw new BodyNotAllowedException();
        }
    }

    /** The Content-Length, or 0 when there is none (the decoder already refused one that does not parse). */
    private static long declaredLength(MultiMap headers) {
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Glance's test: a Content-Length above zero, or any Transfer-Encoding. */
    private static boolean hasBody(MultiMap headers) {
        if (headers.contains(HttpHeaders.TRANSFER_ENCODING)) {
            return true;
        }
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        try {
            return length != null && Long.parseLong(length.trim()) > 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
