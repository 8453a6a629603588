package io.glimpse.catalog.service;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageStatusGraph;
import io.glimpse.catalog.messaging.ImageEvents;
import io.glimpse.catalog.policy.CatalogOperation;
import io.glimpse.catalog.repository.ImageRepository;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Deactivate and reactivate (§11): a conditional status change and its event; repeating one is a no-op. */
@ApplicationScoped
public class ImageActionService {
    private final ImageLookup lookup;
    private final ImageRepository images;
    private final ImageEvents events;

    public ImageActionService(ImageLookup lookup, ImageRepository images, ImageEvents events) {
        this.lookup = lookup;
        this.images = images;
        this.events = events;
    }

    @WithTransaction
    public Uni<Void> deactivate(Caller caller, String id) {
        return lookup.forWrite(CatalogOperation.DEACTIVATE_IMAGE, caller, id)
                .chain(image -> move(
                        caller,
                        image,
                        ImageStatus.ACTIVE,
                        ImageStatus.DEACTIVATED,
                        "deactivate",
                        EventTypes.IMAGE_DEACTIVATE));
    }

    @WithTransaction
    public Uni<Void> reactivate(Caller caller, String id) {
        return lookup.forWrite(CatalogOperation.REACTIVATE_IMAGE, caller, id)
                .chain(image -> move(
                        caller,
                        image,
                        ImageStatus.DEACTIVATED,
                        ImageStatus.ACTIVE,
                        "reactivate",
                        EventTypes.IMAGE_REACTIVATE));
    }

    private Uni<Void> move(
            Caller caller, Image image, ImageStatus from, ImageStatus to, String action, String eventType) {
        if (image.status == to) {
            return Uni.createFrom().voidItem();
        }
        if (image.status != from || !ImageStatusGraph.allows(from, to)) {
            throw new GlimpseException.Forbidden(
                    "Not allowed to " + action + " image in status '" + image.status.wire() + "'");
        }
        var now = Clock.now();
        return images.compareAndSetStatus(image.id, from, to, now).chain(changed -> {
            if (!changed) {
                throw new GlimpseException.Conflict("Image " + image.id + " changed status during " + action + ".");
            }
            image.status = to;
            image.updatedAt = now;
            return events.record(eventType, image, caller);
        });
    }
}
