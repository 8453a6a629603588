package io.glimpse.catalog.rest;

import io.glimpse.support.error.ErrorMapper;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Glance's routing rules that JAX-RS matching alone would get wrong (glance-v2-api.md §1.3):
 * {@code /v2/images/} with an empty id is 404, not the collection; another method on a known route is
 * 405 with Glance's {@code Allow}; and the calls Glance marks "body not allowed" answer 400 when a body
 * comes anyway.
 */
public class RequestShapeFilter {
    private static final Map<Pattern, List<String>> ROUTES = new LinkedHashMap<>();

    static {
        ROUTES.put(Pattern.compile("^/v2/images$"), List.of("GET", "POST"));
        ROUTES.put(Pattern.compile("^/v2/images/[^/]+$"), List.of("GET", "PATCH", "DELETE"));
        ROUTES.put(Pattern.compile("^/v2/images/[^/]+/tags/[^/]+$"), List.of("PUT", "DELETE"));
        ROUTES.put(Pattern.compile("^/v2/images/[^/]+/actions/(deactivate|reactivate)$"), List.of("POST"));
        ROUTES.put(Pattern.compile("^/v2/schemas/(image|images)$"), List.of("GET"));
    }

    private static final Pattern NO_BODY_GET_DELETE =
            Pattern.compile("^/v2/images/[^/]+(/tags/[^/]+)?$|^/v2/schemas/.*");
    private static final Pattern NO_BODY_PUT = Pattern.compile("^/v2/images/[^/]+/tags/[^/]+$");
    private static final Pattern NO_BODY_POST = Pattern.compile("^/v2/images/[^/]+/actions/(deactivate|reactivate)$");

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> shape(ContainerRequestContext request, HttpServerRequest http, HttpHeaders headers) {
        // The raw path: only its shape matters here, and UriInfo's decoding fails on an escape such as %25ZZ, which
        // the framework decodes twice when a ';' (a matrix parameter) follows.
        String raw = http.path();
        String path = raw.startsWith("/") ? raw : "/" + raw;
        String method = request.getMethod();
        if (path.equals("/v2/images/")) {
            return Optional.of(ErrorMapper.render(404, "The resource could not be found.", headers));
        }
        Optional<List<String>> allowed = ROUTES.entrySet().stream()
                .filter(route -> route.getKey().matcher(path).matches())
                .map(Map.Entry::getValue)
                .findFirst();
        if (allowed.isPresent()
                && !allowed.get().contains(method)
                && !(method.equals("HEAD") && allowed.get().contains("GET"))
                && !method.equals("OPTIONS")) {
            return Optional.of(Response.fromResponse(
                            ErrorMapper.render(405, "The method is not allowed for this resource.", headers))
                    .header("Allow", String.join(", ", allowed.get()))
                    .build());
        }
        boolean noBodyRoute = switch (method) {
            case "GET", "DELETE" -> NO_BODY_GET_DELETE.matcher(path).matches();
            case "PUT" -> NO_BODY_PUT.matcher(path).matches();
            case "POST" -> NO_BODY_POST.matcher(path).matches();
            default -> false;
        };
        if (noBodyRoute && hasBody(request)) {
            return Optional.of(ErrorMapper.render(400, "A body is not expected with this request.", headers));
        }
        return Optional.empty();
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.strip().equals("0");
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }
}
