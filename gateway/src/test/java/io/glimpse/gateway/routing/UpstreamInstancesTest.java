package io.glimpse.gateway.routing;

import io.glimpse.gateway.support.Stubs;
import io.glimpse.gateway.support.UpstreamStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.glimpse.gateway.support.Users.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A service run as several instances (the test stubs run sharing twice): requests are spread over them in turn, an
 * instance that refuses connections is passed over without the client noticing, and the gateway stays ready while
 * one instance of several is down.
 */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class UpstreamInstancesTest {
    private static final String MEMBERS = "/v2/images/img-1/members";

    @Test
    void requestsAreSpreadOverTheInstancesInTurn() {
        Stubs.forgetSeen("sharing");
        Stubs.forgetSeen(UpstreamStubs.SECOND_SHARING);
        for (int i = 0; i < 10; i++) {
            as("alice").get(MEMBERS).then().statusCode(200);
        }
        assertThat(Stubs.seenBy("sharing")).hasSize(5);
        assertThat(Stubs.seenBy(UpstreamStubs.SECOND_SHARING)).hasSize(5);
    }

    @Test
    void anInstanceThatIsDownIsPassedOverAndTheGatewayStaysReady() {
        Stubs.stop(UpstreamStubs.SECOND_SHARING);
        try {
            Stubs.forgetSeen("sharing");
            for (int i = 0; i < 10; i++) {
                as("alice").get(MEMBERS).then().statusCode(200);
            }
            assertThat(Stubs.seenBy("sharing")).hasSize(10);
            given().get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'upstreams' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'upstreams' }.data.sharing", containsString("DOWN"));
        } finally {
            Stubs.start(UpstreamStubs.SECOND_SHARING);
        }
    }

    @Test
    void everyInstanceDownIs503() {
        Stubs.stop("sharing");
        Stubs.stop(UpstreamStubs.SECOND_SHARING);
        try {
            as("alice")
                    .accept("application/json")
                    .get(MEMBERS)
                    .then()
                    .statusCode(503)
                    .body("message", containsString("sharing service is unavailable"));
        } finally {
            Stubs.start("sharing");
            Stubs.start(UpstreamStubs.SECOND_SHARING);
        }
    }
}
