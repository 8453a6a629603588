package io.glimpse.systemtests;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.ImageEventData;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.testsupport.GlimpseSuite;
import io.glimpse.testsupport.LocalSuite;
import io.glimpse.testsupport.TopicReader;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Kafka stopped, 500 writes (50 images, each created and then patched nine times) all succeed and every
 * service stays ready, since their events wait in the outboxes; Kafka's state shows as a health detail. When Kafka
 * is back every event is published: none lost, and each image's events in the order of its writes.
 */
class KafkaOutageTest extends ThroughTheGateway {
    private static final int IMAGES = 50;
    private static final int WRITES_PER_IMAGE = 10;
    private static final List<String> SERVICES =
            List.of("gateway", "catalog-service", "sharing-service", "import-service", "signature-service");

    @Test
    void writesDuringAnOutageAreAllPublishedInOrderAndReadinessStaysUp() throws Exception {
        List<String> ids;
        GlimpseSuite.glimpse("stop", "kafka");
        try {
            ids = writeImages();
            for (String service : SERVICES) {
                assertThat(GlimpseSuite.ready(service))
                        .as(service + " ready during the outage")
                        .isTrue();
                assertThat(RestAssured.get(LocalSuite.serviceUrl(service) + "/q/health/live")
                                .statusCode())
                        .as(service + " live during the outage")
                        .isEqualTo(200);
            }
            assertThat(awaitKafkaDetail("DOWN")).as("catalog's outbox detail").isEqualTo("DOWN");
        } finally {
            GlimpseSuite.glimpse("start", "kafka");
        }

        try (TopicReader images = new TopicReader(Topics.IMAGES)) {
            for (String id : ids) {
                List<ImageEventData> events = distinctEvents(images.awaitRecords(
                        id, records -> distinctEvents(records).size() >= WRITES_PER_IMAGE, Duration.ofSeconds(120)));
                assertThat(events)
                        .as("image %s: every write's event, in the order of the writes", id)
                        .extracting(ImageEventData::sequence)
                        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            }
        }
        System.out.printf(
                "fault suite: Kafka stopped during %d writes; all %d events published in order afterwards%n",
                IMAGES * WRITES_PER_IMAGE, IMAGES * WRITES_PER_IMAGE);
        assertThat(awaitKafkaDetail("UP")).isEqualTo("UP");
    }

    /** Four writers, each image's writes in sequence: 50 creates and 450 patches. */
    private static List<String> writeImages() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> images = new ArrayList<>();
            for (int i = 0; i < IMAGES; i++) {
                images.add(writers.submit(() -> {
                    Response created = createImage("alice", Map.of("name", uniqueName("outage")));
                    assertThat(created.statusCode()).isEqualTo(201);
                    String id = created.jsonPath().getString("id");
                    for (int write = 2; write <= WRITES_PER_IMAGE; write++) {
                        Response patched = as("alice")
                                .contentType("application/openstack-images-v2.1-json-patch")
                                // As bytes: RestAssured has no encoder for the JSON-patch media type.
                                .body(("[{\"op\": \"add\", \"path\": \"/outage_write\", \"value\": \"w" + write
                                                + "\"}]")
                                        .getBytes(StandardCharsets.UTF_8))
                                .patch("/v2/images/" + id);
                        assertThat(patched.statusCode()).isEqualTo(200);
                    }
                    return id;
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> image : images) {
                ids.add(image.get());
            }
            return ids;
        } finally {
            writers.shutdown();
        }
    }

    /** At-least-once delivery may repeat an event; consumers dedupe by event id, and so does this test. */
    private static List<ImageEventData> distinctEvents(List<ConsumerRecord<String, String>> records) {
        Map<String, ImageEventData> byId = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            byId.putIfAbsent(
                    TopicReader.header(record, "ce_id").orElseThrow(),
                    EventJson.read(record.value(), ImageEventData.class));
        }
        return List.copyOf(byId.values());
    }

    /** catalog's readiness detail "kafka" once it shows {@code expected} (or the last value after 60 s). */
    private static String awaitKafkaDetail(String expected) throws InterruptedException {
        String seen = null;
        for (int i = 0; i < 120 && !expected.equals(seen); i++) {
            Response ready = RestAssured.get(LocalSuite.serviceUrl("catalog-service") + "/q/health/ready");
            seen = ready.jsonPath().getString("checks.find { it.name == 'outbox' }.data.kafka");
            if (!expected.equals(seen)) {
                Thread.sleep(500);
            }
        }
        return seen;
    }
}
