package io.glimpse.gateway.routing;

import io.glimpse.gateway.support.Stubs;
import io.glimpse.gateway.support.UpstreamStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.glimpse.gateway.support.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/** An upstream that is down, slow or broken gives 503, 504 or 502 with an error body, never a hang. */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class UpstreamFailuresTest {

    @Test
    void upstreamDownIs503() {
        Stubs.stop("signature");
        try {
            as("alice")
                    .accept("application/json")
                    .header("X-Openstack-Request-Id", "down-1")
                    .get("/key-manager/v1/secrets")
                    .then()
                    .statusCode(503)
                    .header("x-openstack-request-id", equalTo("req-down-1"))
                    .body("code", equalTo("503 Service Unavailable"))
                    .body("message", containsString("signature service is unavailable"));
        } finally {
            Stubs.start("signature");
        }
        as("alice").get("/key-manager/v1/secrets").then().statusCode(200);
    }

    @Test
    void upstreamSlowerThanTheResponseTimeoutIs504() {
        // The test profile's timeout is 1.5 s; the stub answers after 6 s.
        Instant start = Instant.now();
        as("alice")
                .accept("application/json")
                .header("X-Echo-Behaviour", "slow:6000")
                .get("/v2/images/img-1")
                .then()
                .statusCode(504)
                .header("x-openstack-request-id", matchesPattern("req-.+"))
                .body("code", equalTo("504 Gateway Timeout"))
                .body("message", containsString("did not answer within 1500 ms"));
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(4500));
    }

    @Test
    void slowButWithinTheTimeoutIsFine() {
        as("alice")
                .header("X-Echo-Behaviour", "slow:300")
                .get("/v2/images/img-1")
                .then()
                .statusCode(200);
    }

    @Test
    void aSafeRequestWhoseConnectionTheUpstreamClosedIsSentOnceMore() {
        Stubs.forgetSeen("catalog");
        as("alice")
                .header("X-Echo-Behaviour", "hangup-once:" + UUID.randomUUID())
                .get("/v2/images/img-1")
                .then()
                .statusCode(200);
        assertThat(Stubs.seenBy("catalog")).containsExactly("GET /v2/images/img-1", "GET /v2/images/img-1");

        // A request with effects is never sent twice: its client learns that it may not have been processed.
        Stubs.forgetSeen("catalog");
        as("alice")
                .accept("application/json")
                .contentType("application/json")
                .header("X-Echo-Behaviour", "hangup-once:" + UUID.randomUUID())
                .body("{}")
                .post("/v2/images")
                .then()
                .statusCode(502);
        assertThat(Stubs.seenBy("catalog")).containsExactly("POST /v2/images");
    }

    @Test
    void upstreamHangingUpIs502() {
        as("alice")
                .accept("application/json")
                .header("X-Echo-Behaviour", "hangup")
                .get("/v2/images/img-1")
                .then()
                .statusCode(502)
                .body("code", equalTo("502 Bad Gateway"));
        // The pool recovers: the next call gets a fresh connection.
        as("alice").get("/v2/images/img-1").then().statusCode(200);
    }
}
