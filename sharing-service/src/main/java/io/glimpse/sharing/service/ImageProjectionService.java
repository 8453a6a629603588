package io.glimpse.sharing.service;

import io.glimpse.contracts.event.Actor;
import io.glimpse.contracts.event.ImageEventData;
import io.glimpse.contracts.event.ImageState;
import io.glimpse.sharing.client.CatalogClient;
import io.glimpse.sharing.domain.ImageMember;
import io.glimpse.sharing.domain.ImageNotFoundException;
import io.glimpse.sharing.domain.ImageProjection;
import io.glimpse.sharing.messaging.MemberEvents;
import io.glimpse.sharing.repository.ImageMemberRepository;
import io.glimpse.sharing.repository.ImageProjectionRepository;
import io.glimpse.support.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the image projection: each {@code glimpse.images} event applied once, in per-image order;
 * images the events have not brought yet are looked up in catalog. When an image is deleted its
 * memberships go with it (Glance deletes them with the image), each with an
 * {@code image.member.delete} event so that projections built from {@code glimpse.members} alone
 * drop them too.
 */
@ApplicationScoped
public class ImageProjectionService {
    static final String CONSUMER = "sharing.image-projection";
    /** Image ids are UUIDs; Glance answers 404 for anything longer without looking (§1.3). */
    private static final int MAX_IMAGE_ID = 36;

    private final ImageProjectionRepository projections;
    private final ImageMemberRepository members;
    private final MemberEvents events;
    private final Inbox inbox;
    private final CatalogClient catalog;

    public ImageProjectionService(
            ImageProjectionRepository projections,
            ImageMemberRepository members,
            MemberEvents events,
            Inbox inbox,
            CatalogClient catalog) {
        this.projections = projections;
        this.members = members;
        this.events = events;
        this.inbox = inbox;
        this.catalog = catalog;
    }

    @WithTransaction
    public Uni<Void> apply(String eventId, ImageEventData event) {
        return inbox.firstDelivery(CONSUMER, eventId)
                .chain(first -> !first
                        ? Uni.createFrom().voidItem()
                        : projections
                                .applyIfNewer(event.sequence(), event.image())
                                .chain(changed -> changed
                                        ? removeMembersIfGone(event.image().id(), event.actor(), event.requestId())
                                        : Uni.createFrom().voidItem()));
    }

    @WithSession
    public Uni<ImageProjection> find(String imageId) {
        return projections.findById(imageId).onItem().ifNull().failWith(() -> new ImageNotFoundException(imageId));
    }

    /**
     * Makes sure the projection holds the image, asking catalog when no event has brought it yet.
     *
     * @return true when the projection was just filled from catalog (so it is as fresh as it gets)
     * @throws ImageNotFoundException (as a failed Uni) when neither sharing nor catalog knows a live image
     */
    public Uni<Boolean> ensureKnown(String imageId) {
        if (imageId.length() > MAX_IMAGE_ID) {
            return Uni.createFrom().failure(new ImageNotFoundException(imageId));
        }
        return Panache.withSession(() -> projections.find(imageId))
                .chain(known -> known.isPresent()
                        ? Uni.createFrom().item(false)
                        : catalog.image(imageId)
                                .chain(state -> upsert(imageId, state))
                                .replaceWith(true));
    }

    /**
     * Asks catalog for the image again, for a denial that a lagging projection may have caused.
     *
     * @return true when catalog's answer was newer than the projection, which now holds it
     */
    public Uni<Boolean> refresh(String imageId) {
        return catalog.image(imageId)
                .chain(state -> state.isEmpty()
                        ? Uni.createFrom().item(false)
                        : Panache.withTransaction(() -> projections.applyIfNewer(
                                state.get().sequence(), state.get().image())));
    }

    private Uni<Void> upsert(String imageId, Optional<ImageState> state) {
        ImageState found = state.orElseThrow(() -> new ImageNotFoundException(imageId));
        return Panache.withTransaction(() -> projections.applyIfNewer(found.sequence(), found.image()))
                .replaceWithVoid();
    }

    private Uni<Void> removeMembersIfGone(String imageId, Actor actor, String requestId) {
        return projections
                .findById(imageId)
                .chain(image -> !image.isGone()
                        ? Uni.createFrom().voidItem()
                        : members.listOf(imageId).chain(gone -> removeAll(image, gone, actor, requestId)));
    }

    /** One after another: a reactive session runs one statement at a time. */
    private Uni<Void> removeAll(ImageProjection image, List<ImageMember> gone, Actor actor, String requestId) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ImageMember member : gone) {
            chain = chain.chain(() -> events.deleted(image, member, actor, requestId))
                    .chain(() -> members.delete(member));
        }
        return chain;
    }
}
