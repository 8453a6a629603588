package io.glimpse.imports.health;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** import-service starts against the real database and Kafka, migrates its schema and reports ready. */
@QuarkusTest
class ReadinessTest {

    @Test
    void readinessProbesTheDatabaseAndKafka() {
        var ready = RestAssured.get("/q/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.jsonPath().getList("checks.name", String.class))
                .contains(
                        "Reactive PostgreSQL connections health check",
                        "SmallRye Reactive Messaging - readiness check");
        assertThat(ready.jsonPath().getList("checks.status", String.class)).containsOnly("UP");
    }
}
