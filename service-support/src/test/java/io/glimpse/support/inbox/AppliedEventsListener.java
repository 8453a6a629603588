package io.glimpse.support.inbox;

import io.glimpse.contracts.event.EventJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener built the way every service builds one: {@link InboundEvents} takes the record, the use case applies it
 * once through the {@link Inbox} in its transaction (here: a row in {@code applied_event}). An event asking for it
 * fails its first applications after the inbox and the row were written, as a database failing at commit would.
 */
@ApplicationScoped
public class AppliedEventsListener {
    static final String CONSUMER = "service-support-test";

    private final Inbox inbox;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    public AppliedEventsListener(Inbox inbox) {
        this.inbox = inbox;
    }

    /** The data of a test event; {@code failures} is how many application attempts fail before one succeeds. */
    public record TestEvent(String key, String value, int failures) {
        static TestEvent read(String json) {
            TestEvent event = EventJson.read(json, TestEvent.class);
            if (event.key() == null || event.value() == null) {
                throw new IllegalArgumentException("a test event needs a key and a value");
            }
            return event;
        }
    }

    @Incoming("support-test-in")
    public Uni<Void> onEvent(Message<String> message) {
        return InboundEvents.apply(message, "test event", TestEvent::read, this::applyOnce);
    }

    int attempts(String eventId) {
        return attempts.getOrDefault(eventId, new AtomicInteger()).get();
    }

    private Uni<Void> applyOnce(String eventId, TestEvent event) {
        int attempt =
                attempts.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, eventId)
                .chain(first ->
                        first ? insert(eventId, event) : Uni.createFrom().voidItem())
                .invoke(() -> {
                    if (attempt <= event.failures()) {
                        throw new IllegalStateException("attempt " + attempt + " fails on purpose");
                    }
                }));
    }

    private static Uni<Void> insert(String eventId, TestEvent event) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into applied_event (event_id, event_key, value) values (:id, :key, :value)")
                        .setParameter("id", eventId)
                        .setParameter("key", event.key())
                        .setParameter("value", event.value())
                        .executeUpdate())
                .replaceWithVoid();
    }
}
