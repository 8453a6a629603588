package io.glimpse.support.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Remembers which events a consumer has applied. Call {@link #firstDelivery} in the same transaction
 * as the change the event causes: a redelivered event then finds its id and is skipped.
 */
@ApplicationScoped
public class Inbox {

    /** @return true the first time this consumer sees this event id, false on every redelivery */
    public Uni<Boolean> firstDelivery(String consumer, String eventId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into inbox_event (consumer, event_id) values (:consumer, :eventId) "
                                        + "on conflict do nothing")
                        .setParameter("consumer", consumer)
                        .setParameter("eventId", eventId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
