package io.glimpse.support.inbox;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.support.Eventually;
import io.glimpse.support.inbox.AppliedEventsListener.TestEvent;
import io.glimpse.testsupport.EventPublisher;
import io.glimpse.testsupport.TopicReader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.glimpse.support.Transactions.inSession;
import static io.glimpse.support.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The inbox and {@link InboundEvents} against the real PostgreSQL and Kafka: a replayed event is applied once, a
 * failed application is retried and then applied once, and records that cannot be read go to the dead-letter topic
 * without holding up the partition. Records go to partition 0, in order, so a later event that was applied proves
 * the earlier ones were handled.
 */
@QuarkusTest
class InboxTest {
    private static final String TOPIC = "glimpse.support-test.inbound";
    private static final String DEAD_LETTERS = "glimpse.support-test.inbound.dead-letter";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static EventPublisher publisher;

    @Inject
    Inbox inbox;

    @Inject
    AppliedEventsListener listener;

    @BeforeAll
    static void connect() {
        publisher = new EventPublisher();
    }

    @AfterAll
    static void disconnect() {
        publisher.close();
    }

    @Test
    void anEventIsAFirstDeliveryOncePerConsumer() {
        String eventId = UUID.randomUUID().toString();

        assertThat(firstDelivery("consumer-a", eventId)).isTrue();
        assertThat(firstDelivery("consumer-a", eventId)).isFalse();
        assertThat(firstDelivery("consumer-b", eventId)).isTrue();
    }

    @Test
    void aDeliveryWhoseTransactionRolledBackIsNotRemembered() {
        String eventId = UUID.randomUUID().toString();

        Throwable failed = catchThrowable(() ->
                inTransaction(() -> inbox.firstDelivery("consumer-a", eventId).invoke(first -> {
                    throw new IllegalStateException("the change failed");
                })));

        assertThat(failed).hasMessageContaining("the change failed");
        assertThat(firstDelivery("consumer-a", eventId)).isTrue();
    }

    @Test
    void aReplayedEventIsAppliedOnce() {
        String key = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        publish(key, eventId, new TestEvent(key, "original", 0));
        publish(key, eventId, new TestEvent(key, "original", 0));
        String later = publishSentinel();
        awaitApplied(later);
        publish(key, eventId, new TestEvent(key, "original", 0));
        awaitApplied(publishSentinel());

        assertThat(applied(eventId)).containsExactly("original");
    }

    @Test
    void anEventWhoseApplicationFailsIsRetriedAndAppliedOnce() {
        String key = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        publish(key, eventId, new TestEvent(key, "after two failures", 2));

        awaitApplied(eventId);

        assertThat(listener.attempts(eventId)).isEqualTo(3);
        assertThat(applied(eventId)).containsExactly("after two failures");
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndTheEventsAfterThemAreApplied() {
        String noCloudEvent = UUID.randomUUID().toString();
        String brokenJson = UUID.randomUUID().toString();
        String incomplete = UUID.randomUUID().toString();
        publisher.garbage(TOPIC, 0, noCloudEvent, "{not a cloud event");
        publisher.cloudEvent(TOPIC, 0, brokenJson, UUID.randomUUID().toString(), "test.event", "{\"key\": ");
        publisher.cloudEvent(TOPIC, 0, incomplete, UUID.randomUUID().toString(), "test.event", "{\"key\": \"k\"}");

        awaitApplied(publishSentinel());

        try (TopicReader deadLetters = new TopicReader(DEAD_LETTERS)) {
            assertThat(deadLetters.awaitFirst(noCloudEvent, PATIENCE).value()).isEqualTo("{not a cloud event");
            assertThat(deadLetters.awaitFirst(brokenJson, PATIENCE).value()).isEqualTo("{\"key\": ");
            assertThat(deadLetters.awaitFirst(incomplete, PATIENCE).value()).isEqualTo("{\"key\": \"k\"}");
        }
    }

    private boolean firstDelivery(String consumer, String eventId) {
        return inTransaction(() -> inbox.firstDelivery(consumer, eventId));
    }

    private static void publish(String key, String eventId, TestEvent event) {
        publisher.cloudEvent(TOPIC, 0, key, eventId, "test.event", EventJson.write(event));
    }

    /** An ordinary event behind the ones under test; its id. */
    private static String publishSentinel() {
        String key = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        publish(key, eventId, new TestEvent(key, "sentinel", 0));
        return eventId;
    }

    private static void awaitApplied(String eventId) {
        Eventually.holds(
                "event " + eventId + " applied",
                PATIENCE,
                () -> !applied(eventId).isEmpty());
    }

    /** The values the listener applied for this event, one per application. */
    @SuppressWarnings("unchecked")
    private static List<String> applied(String eventId) {
        return inSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select value from applied_event where event_id = :id order by id", String.class)
                        .setParameter("id", eventId)
                        .getResultList()));
    }
}
