package io.glimpse.gateway.routing;

import io.glimpse.policy.GlancePolicy;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

/**
 * The Glance v2 routes the gateway checks itself, from glance-v2-api.md §1.3 (methods, body not
 * allowed) and §14 (rules needing no target). The first matching row wins, so literal rows come
 * before {@code *} rows they overlap. Paths not listed are forwarded unchecked; their service
 * answers 404/405 itself.
 *
 * <p>This is API semantics, not deployment, so it is code; which service serves a path is the
 * configured {@link RouteTable}.
 */
@ApplicationScoped
public class GlanceRoutes {

    private final List<GlanceRoute> routes = new Table()
            // Images.
            .route("/v2/images", GET, POST)
            .rule(GET, GlancePolicy.GET_IMAGES)
            .rule(POST, GlancePolicy.ADD_IMAGE)
            .route("/v2/images/*", GET, PATCH, DELETE)
            .bodyless(GET, DELETE)
            .route("/v2/images/*/file", GET, PUT)
            .bodyless(GET)
            .imageData(PUT)
            .route("/v2/images/*/stage", PUT)
            .imageData(PUT)
            .route("/v2/images/*/import", POST)
            .route("/v2/images/*/tasks", GET)
            .bodyless(GET)
            .route("/v2/images/*/locations", GET, POST)
            .route("/v2/images/*/actions/deactivate", POST)
            .bodyless(POST)
            .route("/v2/images/*/actions/reactivate", POST)
            .bodyless(POST)
            .route("/v2/images/*/tags/*", PUT, DELETE)
            .bodyless(PUT, DELETE)
            // Members.
            .route("/v2/images/*/members", GET, POST)
            .bodyless(GET)
            .route("/v2/images/*/members/*", GET, PUT, DELETE)
            .bodyless(GET, DELETE)
            // Tasks: the whole API sits behind tasks_api_access (§8.6). DELETE of a task is a 405
            // with Allow: GET in Glance, which is what leaving it out here produces.
            .route("/v2/tasks", GET, POST)
            .rule(GET, GlancePolicy.TASKS_API_ACCESS, GlancePolicy.GET_TASKS)
            .rule(POST, GlancePolicy.TASKS_API_ACCESS, GlancePolicy.ADD_TASK)
            .route("/v2/tasks/*", GET)
            .rule(GET, GlancePolicy.TASKS_API_ACCESS, GlancePolicy.GET_TASK)
            // Stores and discovery.
            .route("/v2/stores/*/*", DELETE)
            .bodyless(DELETE)
            .route("/v2/info/import", GET)
            .bodyless(GET)
            .route("/v2/info/stores", GET)
            .bodyless(GET)
            .route("/v2/info/stores/detail", GET)
            .bodyless(GET)
            .route("/v2/info/usage", GET)
            .bodyless(GET)
            // Schemas.
            .route("/v2/schemas/metadefs/*", GET)
            .bodyless(GET)
            .route("/v2/schemas/*", GET)
            .bodyless(GET)
            // Cache.
            .route("/v2/cache", GET, DELETE)
            .bodyless(GET)
            .route("/v2/cache/clean", POST)
            .route("/v2/cache/prune", POST)
            .route("/v2/cache/nodes/*", GET)
            .route("/v2/cache/*", DELETE, PUT)
            .build();

    public Optional<GlanceRoute> match(RequestPath path) {
        return routes.stream().filter(route -> route.pattern().matches(path)).findFirst();
    }

    public List<GlanceRoute> all() {
        return routes;
    }

    /** A small builder so the table above reads like §1.3. */
    private static final class Table {
        private final List<GlanceRoute> built = new ArrayList<>();
        private String pattern;
        private List<HttpMethod> allowed;
        private List<HttpMethod> bodyless;
        private List<HttpMethod> imageData;
        private Map<HttpMethod, List<GlancePolicy>> rules;

        Table route(String pattern, HttpMethod... allowed) {
            flush();
            this.pattern = pattern;
            this.allowed = List.of(allowed);
            this.bodyless = List.of();
            this.imageData = List.of();
            this.rules = new LinkedHashMap<>();
            return this;
        }

        Table bodyless(HttpMethod... methods) {
            this.bodyless = List.of(methods);
            return this;
        }

        Table imageData(HttpMethod... methods) {
            this.imageData = List.of(methods);
            return this;
        }

        Table rule(HttpMethod method, GlancePolicy... policies) {
            rules.put(method, List.of(policies));
            return this;
        }

        List<GlanceRoute> build() {
            flush();
            return List.copyOf(built);
        }

        private void flush() {
            if (pattern != null) {
                built.add(new GlanceRoute(PathPattern.parse(pattern), allowed, bodyless, imageData, Map.copyOf(rules)));
            }
        }
    }
}
