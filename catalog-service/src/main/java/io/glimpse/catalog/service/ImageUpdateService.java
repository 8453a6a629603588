package io.glimpse.catalog.service;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageKeys;
import io.glimpse.catalog.domain.PatchOperation;
import io.glimpse.catalog.messaging.ImageEvents;
import io.glimpse.catalog.policy.CatalogOperation;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** PATCH and the tag calls: {@code modify_image} first, then the change and its image.update event together. */
@ApplicationScoped
public class ImageUpdateService {
    private final ImageLookup lookup;
    private final ImagePatcher patcher;
    private final ImageEvents events;
    private final CatalogConfig config;

    public ImageUpdateService(ImageLookup lookup, ImagePatcher patcher, ImageEvents events, CatalogConfig config) {
        this.lookup = lookup;
        this.patcher = patcher;
        this.events = events;
        this.config = config;
    }

    /** {@code PATCH /v2/images/{id}}: the operations apply in order and are saved once (§3.3). */
    @WithTransaction
    public Uni<Image> patch(Caller caller, String id, List<PatchOperation> operations) {
        return lookup.forWrite(CatalogOperation.MODIFY_IMAGE, caller, id).chain(image -> {
            long propertiesBefore = countedProperties(image);
            boolean changed = patcher.apply(caller, image, operations);
            long propertiesAfter = countedProperties(image);
            if (propertiesAfter > config.propertyQuota() && propertiesAfter > propertiesBefore) {
                throw new GlimpseException.TooLarge("Maximum number of properties (" + config.propertyQuota()
                        + ") exceeded.");
            }
            requireTagQuota(image.tags.size());
            return changed ? saved(caller, image) : Uni.createFrom().item(image);
        });
    }

    /** {@code PUT /v2/images/{id}/tags/{tag}}: idempotent (§10). */
    @WithTransaction
    public Uni<Void> addTag(Caller caller, String id, String tag) {
        return lookup.forWrite(CatalogOperation.MODIFY_IMAGE, caller, id).chain(image -> {
            if (tag.length() > 255) {
                throw new GlimpseException.BadRequest("Tag '" + tag + "' is longer than 255 characters.");
            }
            if (image.tags.contains(tag)) {
                return Uni.createFrom().voidItem();
            }
            requireTagQuota(image.tags.size() + 1);
            image.tags = new ArrayList<>(image.tags);
            image.tags.add(tag);
            return saved(caller, image).replaceWithVoid();
        });
    }

    /** {@code DELETE /v2/images/{id}/tags/{tag}}: a tag the image does not carry → 404. */
    @WithTransaction
    public Uni<Void> removeTag(Caller caller, String id, String tag) {
        return lookup.forWrite(CatalogOperation.MODIFY_IMAGE, caller, id).chain(image -> {
            if (!image.tags.contains(tag)) {
                throw new GlimpseException.NotFound("Tag " + tag + " not found on image " + id + ".");
            }
            image.tags = new ArrayList<>(image.tags);
            image.tags.remove(tag);
            return saved(caller, image).replaceWithVoid();
        });
    }

    private Uni<Image> saved(Caller caller, Image image) {
        image.updatedAt = Clock.now();
        return events.record(EventTypes.IMAGE_UPDATE, image, caller).replaceWith(image);
    }

    private void requireTagQuota(int tags) {
        if (tags > config.tagQuota()) {
            throw new GlimpseException.TooLarge("Maximum number of tags (" + config.tagQuota() + ") exceeded.");
        }
    }

    private static long countedProperties(Image image) {
        return image.properties.keySet().stream().filter(ImageKeys::countsForQuota).count();
    }
}
