package io.glimpse.sharing.service;

import io.glimpse.contracts.event.ImageEventData;
import io.glimpse.sharing.domain.ImageProjection;
import io.glimpse.sharing.repository.ImageProjectionRepository;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the image projection: each event applied once, in per-image order. */
@ApplicationScoped
public class ImageProjectionService {
    static final String CONSUMER = "sharing.image-projection";

    private final ImageProjectionRepository projections;
    private final Inbox inbox;

    public ImageProjectionService(ImageProjectionRepository projections, Inbox inbox) {
        this.projections = projections;
        this.inbox = inbox;
    }

    @WithTransaction
    public Uni<Void> apply(String eventId, ImageEventData event) {
        return inbox.firstDelivery(CONSUMER, eventId)
                .chain(first -> first ? projections.applyIfNewer(event).replaceWithVoid() : Uni.createFrom().voidItem());
    }

    @WithSession
    public Uni<ImageProjection> find(String imageId) {
        return projections.findById(imageId)
                .onItem().ifNull().failWith(() -> new GlimpseException.NotFound("No projection of image " + imageId));
    }
}
