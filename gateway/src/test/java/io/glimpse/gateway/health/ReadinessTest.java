package io.glimpse.gateway.health;

import io.glimpse.gateway.support.Stubs;
import io.glimpse.gateway.support.UpstreamStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Readiness: the key set can be fetched and every upstream is ready. */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class ReadinessTest {

    @Test
    void readyWhenKeysAndEveryUpstreamAre() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'jwks' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.catalog", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.sharing", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.import", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.signature", equalTo("UP"));
    }

    @Test
    void notReadyWhileAnUpstreamIsDownAndItIsNamed() {
        Stubs.stop("import");
        try {
            given().get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'upstreams' }.data.import", startsWith("DOWN"))
                    .body("checks.find { it.name == 'upstreams' }.data.catalog", equalTo("UP"));
        } finally {
            Stubs.start("import");
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void livenessDoesNotDependOnUpstreams() {
        given().get("/q/health/live").then().statusCode(200);
    }
}
