package io.glimpse.signature.repository;

import io.glimpse.signature.domain.Verification;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Verification records, and the per-image sequence of signature events. */
@ApplicationScoped
public class VerificationRepository implements PanacheRepositoryBase<Verification, UUID> {

    /** Advances and returns the image's signature-event sequence; atomic under concurrent verifications. */
    public Uni<Long> nextEventSequence(String imageId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into image_signature_sequence (image_id, sequence) values (:image, 1) "
                                        + "on conflict (image_id) do update set sequence = image_signature_sequence.sequence + 1 "
                                        + "returning sequence",
                                Long.class)
                        .setParameter("image", imageId)
                        .getSingleResult());
    }
}
