package io.glimpse.support.outbox;

import io.glimpse.support.Eventually;
import io.glimpse.testsupport.GlimpseSuite;
import io.glimpse.testsupport.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.glimpse.support.Transactions.inSession;
import static io.glimpse.support.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox and its relay against the real PostgreSQL and Kafka: one key's events reach the topic in the order they
 * were recorded, as CloudEvents; events recorded while Kafka is down wait and are all published when it returns; a row
 * Kafka can never take is set aside without holding up the events after it.
 */
@QuarkusTest
class OutboxRelayTest {
    private static final String TOPIC = "glimpse.support-test.outbound";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Outbox outbox;

    @Inject
    MeterRegistry metrics;

    @Test
    void oneKeysEventsArePublishedInTheOrderTheyWereRecorded() {
        String key = UUID.randomUUID().toString();
        String otherKey = UUID.randomUUID().toString();
        List<String> recorded = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            String suffix = "-" + round;
            recorded.add(record(key, "alone" + suffix));
            record(otherKey, "other" + suffix);
            // Several events of one change share a transaction.
            recorded.addAll(inTransaction(() -> eventId(key, "together-a" + suffix)
                    .chain(first -> eventId(key, "together-b" + suffix).map(second -> List.of(first, second)))));
        }

        try (TopicReader topic = new TopicReader(TOPIC)) {
            List<ConsumerRecord<String, String>> published =
                    topic.awaitRecords(key, records -> ids(records).containsAll(recorded), PATIENCE);

            assertThat(ids(published)).containsExactlyElementsOf(recorded);
            ConsumerRecord<String, String> first = published.getFirst();
            assertThat(TopicReader.cloudEventHeaders(first))
                    .containsEntry("ce_id", recorded.getFirst())
                    .containsEntry("ce_type", "test.event")
                    .containsEntry("ce_source", "/glimpse/service-support-test")
                    .containsEntry("ce_subject", key)
                    .containsEntry("ce_specversion", "1.0");
            assertThat(first.value()).isEqualTo("{\"value\":\"alone-0\"}");
        }
        Eventually.holds(
                "every event stamped sent", PATIENCE, () -> unsent(recorded).isEmpty());
    }

    @Test
    void eventsRecordedWhileKafkaIsDownArePublishedInOrderWhenItReturns() throws InterruptedException {
        String key = UUID.randomUUID().toString();
        List<String> recorded = new ArrayList<>();
        recorded.add(record(key, "before"));
        Eventually.holds(
                "the first event sent", PATIENCE, () -> unsent(recorded).isEmpty());

        GlimpseSuite.glimpse("stop", "kafka");
        try {
            for (int i = 0; i < 5; i++) {
                recorded.add(record(key, "during-" + i));
            }
            // A pass gives up on an unreachable broker after max.block.ms (5 s); let at least one fail.
            Thread.sleep(7_000);
            assertThat(unsent(recorded)).containsExactlyElementsOf(recorded.subList(1, recorded.size()));
        } finally {
            GlimpseSuite.glimpse("start", "kafka");
        }
        recorded.add(record(key, "after"));

        try (TopicReader topic = new TopicReader(TOPIC)) {
            List<ConsumerRecord<String, String>> published =
                    topic.awaitRecords(key, records -> ids(records).containsAll(recorded), Duration.ofSeconds(90));
            // At least once: a send that timed out may have reached the broker and been sent again.
            assertThat(ids(published).stream().distinct().toList()).containsExactlyElementsOf(recorded);
        }
        Eventually.holds(
                "every event stamped sent", PATIENCE, () -> unsent(recorded).isEmpty());
    }

    @Test
    void aRowKafkaCanNeverTakeIsSetAsideAndTheEventsAfterItArePublished() {
        String key = UUID.randomUUID().toString();
        String first = record(key, "first");
        // Above the producer's max.request.size (1 MiB).
        String tooLarge = record(key, "x".repeat(2 * 1024 * 1024));
        String invalidTopic =
                inTransaction(() -> outbox.record("no spaces allowed!", key, "test.event", key, Map.of("value", "lost"))
                        .map(event -> event.eventId.toString()));
        String last = record(key, "last");

        try (TopicReader topic = new TopicReader(TOPIC)) {
            List<ConsumerRecord<String, String>> published =
                    topic.awaitRecords(key, records -> ids(records).contains(last), PATIENCE);
            assertThat(ids(published).stream().distinct().toList()).containsExactly(first, last);
        }
        OutboxEvent large = row(tooLarge);
        assertThat(large.sentAt).isNull();
        assertThat(large.failedAt).isNotNull();
        assertThat(large.failure).contains("RecordTooLargeException");
        OutboxEvent misrouted = row(invalidTopic);
        assertThat(misrouted.sentAt).isNull();
        assertThat(misrouted.failedAt).isNotNull();
        assertThat(misrouted.failure).contains("InvalidTopicException");
        // Operators see them: the backlog count (every 15 s) reports the rows set aside.
        Eventually.holds(
                "glimpse_outbox_set_aside counts the two rows",
                PATIENCE,
                () -> metrics.get("glimpse.outbox.set.aside").gauge().value() >= 2);
    }

    /** Records one event in a transaction of its own; its id. */
    private String record(String key, String value) {
        return inTransaction(() -> eventId(key, value));
    }

    private Uni<String> eventId(String key, String value) {
        return outbox.record(TOPIC, key, "test.event", key, Map.of("value", value))
                .map(event -> event.eventId.toString());
    }

    private static List<String> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .map(record -> TopicReader.header(record, "ce_id").orElseThrow())
                .toList();
    }

    /** Those of these events not yet stamped sent, in id order. */
    private static List<String> unsent(List<String> eventIds) {
        List<UUID> ids = eventIds.stream().map(UUID::fromString).toList();
        return inSession(() -> OutboxEvent.<OutboxEvent>list("eventId in ?1 and sentAt is null order by id", ids))
                .stream()
                .map(event -> event.eventId.toString())
                .toList();
    }

    private static OutboxEvent row(String eventId) {
        return inSession(() -> OutboxEvent.<OutboxEvent>find("eventId", UUID.fromString(eventId))
                .singleResult());
    }
}
