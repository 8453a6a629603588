package io.glimpse.signature.messaging;

import io.glimpse.contracts.event.Actor;
import io.glimpse.contracts.event.SignatureEventData;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.signature.domain.Verification;
import io.glimpse.signature.mapping.VerificationMapper;
import io.glimpse.support.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes {@code image.signature.verified|failed} to the outbox, in the transaction that records the verification. */
@ApplicationScoped
public class SignatureEvents {
    private final Outbox outbox;

    public SignatureEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** @param sequence the image's next signature-event sequence */
    public Uni<Void> record(Verification verification, long sequence) {
        String type = verification.verified ? EventTypes.SIGNATURE_VERIFIED : EventTypes.SIGNATURE_FAILED;
        SignatureEventData data = new SignatureEventData(
                sequence,
                new Actor(verification.projectId, verification.userId),
                verification.requestId,
                VerificationMapper.toSnapshot(verification));
        return outbox.record(Topics.SIGNATURES, verification.imageId, type, verification.imageId, data)
                .replaceWithVoid();
    }
}
