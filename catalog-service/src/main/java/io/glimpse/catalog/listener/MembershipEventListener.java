package io.glimpse.catalog.listener;

import io.glimpse.catalog.mapping.MemberEventReader;
import io.glimpse.catalog.service.MembershipService;
import io.glimpse.support.inbox.InboundEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Feeds {@code glimpse.members} into the membership projection. A database outage is retried without
 * end (the partition waits, nothing is skipped); a record that cannot be read goes to the dead-letter topic
 * (see {@link InboundEvents}).
 */
@ApplicationScoped
public class MembershipEventListener {
    private final MembershipService memberships;

    public MembershipEventListener(MembershipService memberships) {
        this.memberships = memberships;
    }

    @Incoming("members-in")
    public Uni<Void> onMemberEvent(Message<String> message) {
        return InboundEvents.apply(message, "member event", MemberEventReader::read, memberships::applyEvent);
    }
}
