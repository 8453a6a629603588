package io.glimpse.catalog.service;

import io.glimpse.catalog.repository.MembershipRepository;
import io.glimpse.contracts.event.MemberEventData;
import io.glimpse.support.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The membership projection: fed by {@code glimpse.members} events (deduplicated by the inbox) and by
 * sharing's synchronous push; both apply the same per-membership sequence check, so either may arrive
 * first, twice, or late without changing the outcome.
 */
@ApplicationScoped
public class MembershipService {
    static final String CONSUMER = "catalog.membership-projection";

    private final MembershipRepository memberships;
    private final Inbox inbox;

    public MembershipService(MembershipRepository memberships, Inbox inbox) {
        this.memberships = memberships;
        this.inbox = inbox;
    }

    @WithTransaction
    public Uni<Void> applyEvent(String eventId, MemberEventData data) {
        return inbox.firstDelivery(CONSUMER, eventId)
                .chain(first -> first
                        ? memberships.applyIfNewer(data).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    /** {@code PUT /internal/memberships}: the caller holds the service role (checked at the endpoint). */
    @WithTransaction
    public Uni<Void> applyPush(MemberEventData data) {
        return memberships.applyIfNewer(data).replaceWithVoid();
    }
}
