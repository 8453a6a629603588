package io.glimpse.catalog.service;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageKeys;
import io.glimpse.catalog.domain.ImageLocation;
import io.glimpse.catalog.domain.NewLocation;
import io.glimpse.catalog.domain.PatchOperation;
import io.glimpse.catalog.messaging.ImageEvents;
import io.glimpse.catalog.policy.CatalogOperation;
import io.glimpse.catalog.policy.ImagePolicy;
import io.glimpse.catalog.storage.LocationProbe;
import io.glimpse.catalog.storage.LocationProbe.Probe;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** PATCH and the tag calls: {@code modify_image} first, then the change and its image.update event together. */
@ApplicationScoped
public class ImageUpdateService {
    private final ImageLookup lookup;
    private final ImagePatcher patcher;
    private final ImageEvents events;
    private final CatalogConfig config;
    private final LocationProbe probe;
    private final LocationData locationData;
    private final ImagePolicy policy;
    private final Vertx vertx;

    public ImageUpdateService(
            ImageLookup lookup,
            ImagePatcher patcher,
            ImageEvents events,
            CatalogConfig config,
            LocationProbe probe,
            LocationData locationData,
            ImagePolicy policy,
            Vertx vertx) {
        this.lookup = lookup;
        this.patcher = patcher;
        this.events = events;
        this.config = config;
        this.probe = probe;
        this.locationData = locationData;
        this.policy = policy;
        this.vertx = vertx;
    }

    /**
     * {@code PATCH /v2/images/{id}}: the operations apply in order and are saved once (§3.3). URLs of location
     * operations are looked up in their stores before the transaction, off the event loop, and only for a caller the
     * policy lets set this image's locations; data of removed locations is deleted once the change committed.
     */
    public Uni<Image> patch(Caller caller, String id, List<PatchOperation> operations) {
        List<ImageLocation> dropped = new ArrayList<>();
        return authorizedProbes(caller, id, operations)
                .chain(probes -> Panache.withTransaction(() -> patchLocked(caller, id, operations, probes, dropped)))
                .call(image -> locationData.deleteUnreferenced(id, dropped));
    }

    private Uni<Image> patchLocked(
            Caller caller,
            String id,
            List<PatchOperation> operations,
            Map<String, Probe> probes,
            List<ImageLocation> dropped) {
        return lookup.forWrite(CatalogOperation.MODIFY_IMAGE, caller, id).chain(image -> {
            long propertiesBefore = countedProperties(image);
            ImageStatus statusBefore = image.status;
            boolean changed = patcher.apply(caller, image, operations, probes, dropped);
            long propertiesAfter = countedProperties(image);
            if (propertiesAfter > config.propertyQuota() && propertiesAfter > propertiesBefore) {
                throw new GlimpseException.TooLarge(
                        "Maximum number of properties (" + config.propertyQuota() + ") exceeded.");
            }
            requireTagQuota(image.tags.size());
            if (!changed) {
                return Uni.createFrom().item(image);
            }
            Uni<Image> saved = saved(caller, image);
            // A location added to a queued image activates it (§7.2).
            return statusBefore == image.status
                    ? saved
                    : saved.call(() -> events.record(EventTypes.IMAGE_ACTIVATE, image, caller));
        });
    }

    /**
     * Each URL the location operations name, looked up in the stores on a worker thread, once {@code modify_image}
     * and {@code set_image_location} allow the caller on the image as it is now: a caller who may not make the
     * change gets its 404 or 403 before any store is asked. The transaction checks again on the locked image.
     */
    private Uni<Map<String, Probe>> authorizedProbes(Caller caller, String id, List<PatchOperation> operations) {
        List<String> urls = operations.stream()
                .filter(PatchOperation::isLocations)
                .flatMap(operation -> operation.value().stream())
                .flatMap(value -> value instanceof List<?> list ? list.stream() : Stream.of(value))
                .map(value -> ((NewLocation) value).url())
                .distinct()
                .toList();
        if (urls.isEmpty() || !config.locations().showMultipleLocations()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.withSession(() -> lookup.forRead(CatalogOperation.MODIFY_IMAGE, caller, id))
                .invoke(image -> policy.authorizeAlso(CatalogOperation.SET_IMAGE_LOCATION, caller, image))
                .chain(image -> probes(urls));
    }

    private Uni<Map<String, Probe>> probes(List<String> urls) {
        return vertx.executeBlocking(
                () -> {
                    Map<String, Probe> probes = new LinkedHashMap<>();
                    urls.forEach(url -> probes.put(url, probe.probe(url)));
                    return probes;
                },
                false);
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
        return image.properties.keySet().stream()
                .filter(ImageKeys::countsForQuota)
                .count();
    }
}
