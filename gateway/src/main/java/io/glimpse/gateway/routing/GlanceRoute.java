package io.glimpse.gateway.routing;

import io.glimpse.policy.GlancePolicy;
import io.vertx.core.http.HttpMethod;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the gateway knows about one Glance v2 route: its methods (anything else is a 405 with
 * {@code Allow}), the methods that must not carry a body, and the route-level policy rules that
 * need no target resource.
 *
 * @param allowed      in the order Glance lists them in {@code Allow}
 * @param bodyless     methods marked "body not allowed" (§1.3)
 * @param imageData    methods whose body is image data
 * @param routeRules   rules checked at the gateway per method, all of which must pass
 */
public record GlanceRoute(
        PathPattern pattern,
        List<HttpMethod> allowed,
        List<HttpMethod> bodyless,
        List<HttpMethod> imageData,
        Map<HttpMethod, List<GlancePolicy>> routeRules) {

    public boolean allows(HttpMethod method) {
        return allowed.contains(method);
    }

    public boolean forbidsBody(HttpMethod method) {
        return bodyless.contains(method);
    }

    /** Whether the method's body is image data, streamed whatever its size (every other body is bounded). */
    public boolean carriesImageData(HttpMethod method) {
        return imageData.contains(method);
    }

    public List<GlancePolicy> rulesFor(HttpMethod method) {
        return routeRules.getOrDefault(method, List.of());
    }

    /** The {@code Allow} header value, e.g. {@code GET, POST}. */
    public String allowHeader() {
        return allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
    }
}
