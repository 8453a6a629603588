package io.glimpse.systemtests;

import io.glimpse.contracts.topic.Topics;
import io.glimpse.testsupport.GlimpseSuite;
import io.glimpse.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Kafka stopped, images are still created (their events wait in the outbox); when Kafka comes
 * back every event is published and projected. Nothing is lost.
 */
class KafkaOutageTest extends ThroughTheGateway {
    private static final int IMAGES_DURING_OUTAGE = 5;

    @Test
    void eventsWrittenWhileKafkaIsDownArePublishedWhenItReturns() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        GlimpseSuite.glimpse("stop", "kafka");
        try {
            for (int i = 0; i < IMAGES_DURING_OUTAGE; i++) {
                var created = createImage("alice", Map.of("name", uniqueName("outage")));
                assertThat(created.statusCode()).isEqualTo(201);
                ids.add(created.jsonPath().getString("id"));
            }
        } finally {
            GlimpseSuite.glimpse("start", "kafka");
        }

        try (TopicReader images = new TopicReader(Topics.IMAGES)) {
            for (String id : ids) {
                // At-least-once: a retried publish may repeat an event (consumers dedupe by event id).
                assertThat(images.awaitRecords(id, records -> !records.isEmpty(), Duration.ofSeconds(90)))
                        .extracting(
                                record -> TopicReader.header(record, "ce_type").orElseThrow())
                        .isNotEmpty()
                        .containsOnly("image.create");
            }
        }
        for (String id : ids) {
            ImageEventsTest.awaitProjection(id, Duration.ofSeconds(60));
        }
    }
}
