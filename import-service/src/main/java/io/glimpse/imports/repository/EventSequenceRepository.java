package io.glimpse.imports.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The per-image sequence of this service's events; advanced in the transaction that writes the event. */
@ApplicationScoped
public class EventSequenceRepository {

    /** The next sequence of {@code key}'s events: 1 for the first. The row stays locked until commit. */
    public Uni<Long> next(String key) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into image_event_sequence (image_id, sequence) values (?1, 1) "
                                        + "on conflict (image_id) do update set sequence = "
                                        + "image_event_sequence.sequence + 1 returning sequence",
                                Long.class)
                        .setParameter(1, key)
                        .getSingleResult());
    }
}
