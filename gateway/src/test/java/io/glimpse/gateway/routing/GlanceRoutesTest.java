package io.glimpse.gateway.routing;

import io.glimpse.policy.GlancePolicy;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GlanceRoutesTest {

    private final GlanceRoutes routes = new GlanceRoutes();

    @Test
    void literalRowsWinOverWildcardRows() {
        assertThat(route("/v2/cache/clean").allowHeader()).isEqualTo("POST");
        assertThat(route("/v2/cache/some-image").allowHeader()).isEqualTo("DELETE, PUT");
        assertThat(route("/v2/schemas/metadefs/namespace").pattern().text()).isEqualTo("/v2/schemas/metadefs/*");
    }

    @Test
    void routeRulesAreTheOnesNeedingNoImage() {
        assertThat(route("/v2/images").rulesFor(HttpMethod.POST)).containsExactly(GlancePolicy.ADD_IMAGE);
        assertThat(route("/v2/images").rulesFor(HttpMethod.GET)).containsExactly(GlancePolicy.GET_IMAGES);
        assertThat(route("/v2/tasks/t").rulesFor(HttpMethod.GET))
                .containsExactly(GlancePolicy.TASKS_API_ACCESS, GlancePolicy.GET_TASK);
        assertThat(route("/v2/images/x").rulesFor(HttpMethod.GET)).isEmpty();
    }

    @Test
    void everyBodylessMethodIsAnAllowedOne() {
        assertThat(routes.all()).allSatisfy(route -> assertThat(route.allowed()).containsAll(route.bodyless()));
        assertThat(routes.all())
                .allSatisfy(route -> assertThat(route.allowed())
                        .containsAll(route.routeRules().keySet()));
    }

    @Test
    void unlistedPathsAreLeftToTheServices() {
        assertThat(routes.match(RequestPath.of("/v2/metadefs/namespaces"))).isEmpty();
        assertThat(routes.match(RequestPath.of("/v2/images/x/unknown"))).isEmpty();
    }

    private GlanceRoute route(String path) {
        return routes.match(RequestPath.of(path)).orElseThrow();
    }
}
