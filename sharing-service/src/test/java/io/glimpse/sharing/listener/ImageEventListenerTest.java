package io.glimpse.sharing.listener;

import io.glimpse.contracts.event.Actor;
import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.ImageEventData;
import io.glimpse.contracts.event.ImageSnapshot;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.model.Visibility;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.testsupport.EventPublisher;
import io.glimpse.testsupport.Tokens;
import io.glimpse.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image projection consumer against real Kafka and PostgreSQL: stale and repeated events change
 * nothing, and an unreadable record goes to the dead-letter topic without stopping the consumer.
 * Every record goes to partition 0, so a later "sentinel" image proves the earlier records were handled.
 */
@QuarkusTest
class ImageEventListenerTest {
    private static EventPublisher publisher;

    @BeforeAll
    static void connect() {
        publisher = new EventPublisher();
    }

    @AfterAll
    static void disconnect() {
        publisher.close();
    }

    @Test
    void staleAndRepeatedEventsLeaveTheNewestState() throws InterruptedException {
        String image = UUID.randomUUID().toString();
        String newest = UUID.randomUUID().toString();
        publish(image, newest, 2, Visibility.PRIVATE, ImageStatus.ACTIVE);
        publish(image, UUID.randomUUID().toString(), 1, Visibility.SHARED, ImageStatus.QUEUED);
        publish(image, newest, 2, Visibility.COMMUNITY, ImageStatus.ACTIVE);
        String sentinel = UUID.randomUUID().toString();
        publish(sentinel, UUID.randomUUID().toString(), 1, Visibility.SHARED, ImageStatus.QUEUED);

        awaitProjection(sentinel);
        Response projection = projection(image);

        assertThat(projection.jsonPath().getLong("sequence")).isEqualTo(2);
        assertThat(projection.jsonPath().getString("visibility")).isEqualTo("private");
        assertThat(projection.jsonPath().getString("status")).isEqualTo("active");
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndTheConsumerGoesOn() throws InterruptedException {
        String broken = UUID.randomUUID().toString();
        publisher.garbage(Topics.IMAGES, 0, broken, "{not a cloud event");
        String sentinel = UUID.randomUUID().toString();
        publish(sentinel, UUID.randomUUID().toString(), 1, Visibility.SHARED, ImageStatus.QUEUED);

        awaitProjection(sentinel);

        assertThat(projection(broken).statusCode()).isEqualTo(404);
        try (TopicReader deadLetters = new TopicReader("glimpse.images.dead-letter")) {
            assertThat(deadLetters.awaitFirst(broken, Duration.ofSeconds(30)).value())
                    .isEqualTo("{not a cloud event");
        }
    }

    private static void publish(
            String imageId, String eventId, long sequence, Visibility visibility, ImageStatus status) {
        Instant now = Instant.now();
        ImageSnapshot image = new ImageSnapshot(
                imageId,
                "test",
                status,
                visibility,
                false,
                false,
                "project-t",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                0,
                List.of(),
                Map.of(),
                now,
                now);
        ImageEventData data = new ImageEventData(sequence, new Actor("project-t", "tester"), "req-test", image);
        publisher.cloudEvent(Topics.IMAGES, 0, imageId, eventId, "image.update", EventJson.write(data));
    }

    private static Response projection(String imageId) {
        return RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.serviceAccount())
                .accept("application/json")
                .get("/internal/image-projection/" + imageId);
    }

    private static void awaitProjection(String imageId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (projection(imageId).statusCode() != 200) {
            assertThat(Instant.now()).as("projection of %s in time", imageId).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
