package io.glimpse.gateway.requestid;

import io.glimpse.gateway.support.UpstreamStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.glimpse.gateway.support.Users.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/** glance-v2-api.md §1.2: every response carries x-openstack-request-id, and the services get the same id. */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class RequestIdTest {

    private static final String GENERATED = "req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void anIdIsGeneratedAndForwardedUpstream() {
        Response response = as("alice").get("/v2/images");
        String id = response.header("x-openstack-request-id");
        assertThat(id).matches(GENERATED);
        assertThat(response.jsonPath().getList("headers.x-openstack-request-id"))
                .containsExactly(id);
        assertThat(as("alice").get("/v2/images").header("x-openstack-request-id"))
                .isNotEqualTo(id);
    }

    @Test
    void theCallersIdIsUsedAndPrefixedWhenItLacksReq() {
        as("alice")
                .header("X-Openstack-Request-Id", "abc-123")
                .get("/v2/images")
                .then()
                .statusCode(200)
                .header("x-openstack-request-id", equalTo("req-abc-123"))
                .body("headers.x-openstack-request-id", equalTo(List.of("req-abc-123")));
        as("alice")
                .header("X-Openstack-Request-Id", "req-already")
                .get("/v2/images")
                .then()
                .header("x-openstack-request-id", equalTo("req-already"))
                .body("headers.x-openstack-request-id", equalTo(List.of("req-already")));
    }

    @Test
    void anIdOfSixtyFourCharactersIsAcceptedAndSixtyFiveIs431() {
        String max = "req-" + "a".repeat(60);
        as("alice")
                .header("X-Openstack-Request-Id", max)
                .get("/v2/images")
                .then()
                .statusCode(200)
                .header("x-openstack-request-id", equalTo(max));

        as("alice")
                .header("X-Openstack-Request-Id", max + "b")
                .accept("application/json")
                .get("/v2/images")
                .then()
                .statusCode(431)
                .header("x-openstack-request-id", matchesPattern(GENERATED))
                .body("code", equalTo("431 Request Header Fields Too Large"))
                .body("message", containsString("x-openstack-request-id is too long, max size 64"));
    }

    @Test
    void theGatewaysOwnAnswersCarryAnIdToo() {
        given().get("/v2/images").then().statusCode(401).header("x-openstack-request-id", matchesPattern(GENERATED));
        given().get("/versions").then().statusCode(200).header("x-openstack-request-id", matchesPattern(GENERATED));
        given().get("/").then().statusCode(300).header("x-openstack-request-id", matchesPattern(GENERATED));
        given().header("X-Openstack-Request-Id", "probe-1")
                .get("/q/health/live")
                .then()
                .statusCode(200)
                .header("x-openstack-request-id", equalTo("req-probe-1"));
        as("alice")
                .header("X-Openstack-Request-Id", "bad-method")
                .put("/v2/images")
                .then()
                .statusCode(405)
                .header("x-openstack-request-id", equalTo("req-bad-method"));
    }
}
