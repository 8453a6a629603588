package io.glimpse.imports.rest;

import io.glimpse.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A task ended more than {@code task_time_to_live} ago is gone (glance-v2-api.md §8.6). */
@QuarkusTest
@TestProfile(TaskExpiryTest.ShortTaskLife.class)
class TaskExpiryTest {

    @Test
    void anEndedTaskExpiresAfterItsTimeToLive() {
        String admin = "Bearer " + Tokens.forUser("admin");
        String id = RestAssured.given()
                .header("Authorization", admin)
                .contentType(ContentType.JSON)
                .body("{\"type\": \"api_image_import\", \"input\": {}}")
                .post("/v2/tasks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status = 200;
        while (status == 200 && Instant.now().isBefore(deadline)) {
            status = RestAssured.given()
                    .header("Authorization", admin)
                    .get("/v2/tasks/" + id)
                    .statusCode();
        }
        assertThat(status).isEqualTo(404);
    }

    public static class ShortTaskLife implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "glimpse.import.task-time-to-live", "1s",
                    "glimpse.import.work.sweep-interval", "1s");
        }
    }
}
