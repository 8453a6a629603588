package io.glimpse.gateway.console;

import io.glimpse.gateway.support.UpstreamStubs;
import io.glimpse.testsupport.EventPublisher;
import io.glimpse.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The console's stream against the real Kafka and Keycloak: events as server-sent events with their Kafka position as
 * id, the catch-up of a console that reconnects with {@code Last-Event-ID}, and who may watch (admin only).
 */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class ConsoleStreamTest {
    private static final String TOPIC = "glimpse.gateway-test.console";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/console/events")
    URI events;

    @Test
    void theStreamCarriesEveryEventAndAReconnectingConsoleCatchesUpFromItsLastOne() throws Exception {
        String image = UUID.randomUUID().toString();
        try (EventPublisher kafka = new EventPublisher()) {
            kafka.cloudEvent(TOPIC, 0, image, UUID.randomUUID().toString(), "image.create", data(image, "queued"));
            List<JsonObject> first = read(null, seen -> seen.stream().anyMatch(event -> isOf(event, image)));
            JsonObject created = first.stream()
                    .filter(event -> isOf(event, image))
                    .findFirst()
                    .orElseThrow();
            assertThat(created.getString("type")).isEqualTo("image.create");
            assertThat(created.getString("topic")).isEqualTo(TOPIC);
            assertThat(created.getString("id")).startsWith(TOPIC + "/0/");
            assertThat(created.getJsonObject("data").getJsonObject("image").getString("status"))
                    .isEqualTo("queued");

            // Offline, the image becomes active; back, the console asks for what came after the last event it saw.
            kafka.cloudEvent(TOPIC, 0, image, UUID.randomUUID().toString(), "image.activate", data(image, "active"));
            List<JsonObject> caughtUp = read(
                    created.getString("id"),
                    seen -> seen.stream()
                            .anyMatch(event -> "image.activate".equals(event.getString("type")) && isOf(event, image)));
            assertThat(caughtUp.stream().filter(event -> isOf(event, image)))
                    .extracting(event -> event.getString("type"))
                    .containsExactly("image.activate");
        }
    }

    @Test
    void onlyAdminsWatch() {
        given().get("/console/events").then().statusCode(401);
        given().header("X-Auth-Token", Tokens.forUser("alice"))
                .accept("application/json")
                .get("/console/events")
                .then()
                .statusCode(403)
                .body("message", containsString("'admin' role"));
    }

    @Test
    void thePageAndItsSettingsArePublic() {
        given().redirects().follow(false).get("/console").then().statusCode(301).header("Location", "/console/");
        given().get("/console/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(containsString("console.js"));
        given().get("/console/config.json")
                .then()
                .statusCode(200)
                .body("clientId", equalTo("glimpse-console"))
                .body("authority", equalTo("http://127.0.0.1:8180/realms/glimpse"));
        given().get("/console/nothing-here").then().statusCode(404);
    }

    /** Reads the stream as admin, after {@code lastSeen} when given, until {@code enough} holds for what it read. */
    private List<JsonObject> read(String lastSeen, Predicate<List<JsonObject>> enough) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(events)
                .header("Authorization", "Bearer " + Tokens.forUser("admin"))
                .timeout(PATIENCE);
        if (lastSeen != null) {
            request.header("Last-Event-ID", lastSeen);
        }
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<JsonObject> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(PATIENCE);
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    JsonObject event = new JsonObject(line.substring(6));
                    assertThat(event.getString("id"))
                            .as("the SSE id is the event's")
                            .isEqualTo(id);
                    received.add(event);
                    if (enough.test(received)) {
                        return received;
                    }
                }
                assertThat(Instant.now())
                        .as("the awaited events arrived in time")
                        .isBefore(deadline);
            }
        }
        throw new AssertionError("the stream ended after " + received.size() + " events");
    }

    private static boolean isOf(JsonObject event, String image) {
        return image.equals(event.getString("key"));
    }

    private static String data(String image, String status) {
        return new JsonObject()
                .put("sequence", 1)
                .put("image", new JsonObject().put("id", image).put("status", status))
                .encode();
    }
}
