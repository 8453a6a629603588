package io.glimpse.systemtests;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.ImageEventData;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.testsupport.LocalSuite;
import io.glimpse.testsupport.Tokens;
import io.glimpse.testsupport.TopicReader;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A created image leaves an image.create CloudEvent on glimpse.images, and sharing projects it. */
class ImageEventsTest extends ThroughTheGateway {

    @Test
    void imageCreateIsPublishedAsACloudEventKeyedByImageId() {
        Response created = createImage("alice", Map.of("name", uniqueName("evented"), "visibility", "private"));
        String id = created.jsonPath().getString("id");

        try (TopicReader images = new TopicReader(Topics.IMAGES)) {
            ConsumerRecord<String, String> record = images.awaitFirst(id, Duration.ofSeconds(30));

            assertThat(TopicReader.cloudEventHeaders(record))
                    .containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_type", "image.create")
                    .containsEntry("ce_source", "/glimpse/catalog-service")
                    .containsEntry("ce_subject", id)
                    .containsKey("ce_id");
            ImageEventData data = EventJson.read(record.value(), ImageEventData.class);
            assertThat(data.sequence()).isEqualTo(1);
            assertThat(data.actor().projectId()).isEqualTo("project-a");
            assertThat(data.requestId()).isEqualTo(created.header("x-openstack-request-id"));
            assertThat(data.image().id()).isEqualTo(id);
            assertThat(data.image().visibility().wire()).isEqualTo("private");
        }
    }

    @Test
    void sharingServiceProjectsTheNewImage() throws InterruptedException {
        String id = createImage("bob", Map.of("name", uniqueName("projected")))
                .jsonPath()
                .getString("id");

        Response projection = awaitProjection(id, Duration.ofSeconds(30));

        assertThat(projection.jsonPath().getString("owner")).isEqualTo("project-b");
        assertThat(projection.jsonPath().getString("visibility")).isEqualTo("shared");
        assertThat(projection.jsonPath().getString("status")).isEqualTo("queued");
        assertThat(projection.jsonPath().getLong("sequence")).isEqualTo(1);
    }

    /** The projection is internal (never routed by the gateway): asked of sharing-service directly, as a service. */
    static Response projection(String imageId) {
        return RestAssured.given()
                .baseUri(LocalSuite.serviceUrl("sharing-service"))
                .header("Authorization", "Bearer " + Tokens.serviceAccount())
                .accept("application/json")
                .get("/internal/image-projection/" + imageId);
    }

    static Response awaitProjection(String imageId, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Response response = projection(imageId);
            if (response.statusCode() == 200 || Instant.now().isAfter(deadline)) {
                assertThat(response.statusCode())
                        .as("projection of %s", imageId)
                        .isEqualTo(200);
                return response;
            }
            Thread.sleep(100);
        }
    }
}
