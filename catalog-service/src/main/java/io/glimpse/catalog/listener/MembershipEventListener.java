package io.glimpse.catalog.listener;

import io.glimpse.catalog.mapping.MemberEventReader;
import io.glimpse.catalog.service.MembershipService;
import io.glimpse.contracts.event.MemberEventData;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Feeds {@code glimpse.members} into the membership projection. A database outage is retried without
 * end (the partition waits, nothing is skipped); a record that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class MembershipEventListener {
    private static final Logger LOG = Logger.getLogger(MembershipEventListener.class);

    private final MembershipService memberships;

    public MembershipEventListener(MembershipService memberships) {
        this.memberships = memberships;
    }

    @Incoming("members-in")
    public Uni<Void> onMemberEvent(Message<String> message) {
        String eventId = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(IncomingCloudEventMetadata::getId)
                .orElse(null);
        MemberEventData data;
        try {
            if (eventId == null) {
                throw new IllegalArgumentException("the record carries no CloudEvent id");
            }
            data = MemberEventReader.read(message.getPayload());
        } catch (IllegalArgumentException unreadable) {
            LOG.errorf("unreadable member event %s: %s", eventId, unreadable.getMessage());
            return Uni.createFrom().completionStage(message.nack(unreadable));
        }
        return memberships
                .applyEvent(eventId, data)
                .onFailure()
                .invoke(failure ->
                        LOG.warnf("applying member event %s failed, retrying: %s", eventId, failure.getMessage()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely()
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }
}
