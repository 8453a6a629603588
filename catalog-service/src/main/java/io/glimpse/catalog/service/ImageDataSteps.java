package io.glimpse.catalog.service;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageKeys;
import io.glimpse.catalog.domain.ImageLocation;
import io.glimpse.catalog.domain.ImageNotFoundException;
import io.glimpse.catalog.messaging.ImageEvents;
import io.glimpse.catalog.policy.CatalogOperation;
import io.glimpse.catalog.repository.ImageRepository;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.store.StoreRegistry;
import io.glimpse.store.StoredObject;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The database steps around image data, each one transaction: the blocking upload and download use cases
 * ({@link ImageUploadService}, {@link ImageDownloadService}) run them between the streaming parts.
 */
@ApplicationScoped
public class ImageDataSteps {
    private final ImageLookup lookup;
    private final ImageRepository images;
    private final ImageEvents events;
    private final StoreRegistry stores;
    private final UploadLeases leases;

    public ImageDataSteps(
            ImageLookup lookup, ImageRepository images, ImageEvents events, StoreRegistry stores, UploadLeases leases) {
        this.lookup = lookup;
        this.images = images;
        this.events = events;
        this.stores = stores;
        this.leases = leases;
    }

    /**
     * Authorizes {@code upload_image}, validates the request against the image, and moves it
     * {@code queued → saving} conditionally, leased to this instance (see {@link UploadRecovery}); the image as it
     * is then.
     */
    @WithTransaction
    public Uni<Image> beginUpload(Caller caller, String id, Optional<String> storeId) {
        return lookup.forWrite(CatalogOperation.UPLOAD_IMAGE, caller, id).chain(image -> {
            storeId.filter(wanted -> stores.find(wanted).isEmpty()).ifPresent(unknown -> {
                throw new GlimpseException.BadRequest("Store for identifier " + unknown + " not found");
            });
            if (image.status != ImageStatus.QUEUED) {
                throw new GlimpseException.Conflict(
                        "Image status transition from " + image.status.wire() + " to saving is not allowed");
            }
            if (image.diskFormat == null || image.containerFormat == null) {
                throw new GlimpseException.BadRequest(
                        "Properties disk_format, container_format must be set prior to " + "saving data.");
            }
            var now = Clock.now();
            return images.compareAndSetStatus(id, ImageStatus.QUEUED, ImageStatus.SAVING, now)
                    .chain(changed -> {
                        if (!changed) {
                            throw new GlimpseException.Conflict(
                                    "Image " + id + " changed status before its upload began.");
                        }
                        image.status = ImageStatus.SAVING;
                        image.updatedAt = now;
                        return leases.take(id)
                                .chain(() -> events.record(EventTypes.IMAGE_PREPARE, image, caller))
                                .replaceWith(image);
                    });
        });
    }

    /**
     * Activates an uploaded image: its location, size, digests, virtual size and inspection verdict, status
     * {@code saving → active}, and its upload and activate events, all in this one transaction.
     *
     * @throws GlimpseException.Gone when the image was deleted during the upload
     */
    @WithTransaction
    public Uni<Void> completeUpload(
            Caller caller, String id, StoredObject stored, OptionalLong virtualSize, Map<String, String> inspection) {
        return images.findLiveForUpdate(id)
                .onFailure(ImageNotFoundException.class)
                .transform(
                        gone -> new GlimpseException.Gone("Image " + id + " was deleted while its data was uploaded."))
                .chain(image -> {
                    var now = Clock.now();
                    return images.compareAndSetStatus(id, ImageStatus.SAVING, ImageStatus.ACTIVE, now)
                            .chain(changed -> {
                                if (!changed) {
                                    throw new GlimpseException.Conflict(
                                            "Image " + id + " left status saving during its upload.");
                                }
                                image.status = ImageStatus.ACTIVE;
                                image.updatedAt = now;
                                image.size = stored.size();
                                image.checksum = stored.md5Hex();
                                image.osHashAlgo = stored.hashAlgo();
                                image.osHashValue = stored.hashHex();
                                image.virtualSize = virtualSize.isPresent() ? virtualSize.getAsLong() : null;
                                // A new map: the JSON column is compared by value, and a fresh instance is always
                                // dirty.
                                Map<String, String> properties = new LinkedHashMap<>(image.properties);
                                properties.putAll(inspection);
                                image.properties = properties;
                                List<ImageLocation> locations = new ArrayList<>(image.locations());
                                locations.add(ImageLocation.active(stored.location(), stored.storeId()));
                                image.setLocations(locations);
                                return events.record(EventTypes.IMAGE_UPLOAD, image, caller)
                                        .chain(() -> events.record(EventTypes.IMAGE_ACTIVATE, image, caller))
                                        .chain(() -> leases.release(id));
                            });
                });
    }

    /**
     * A failed or abandoned upload puts the image back to {@code queued} with no size, digests or verdict; an
     * image no longer in {@code saving} (deleted meanwhile) is left alone. Either way the upload's lease ends.
     */
    @WithTransaction
    public Uni<Void> revertUpload(Caller caller, String id) {
        return images.findLiveForUpdate(id)
                .chain(image -> {
                    if (image.status != ImageStatus.SAVING) {
                        return Uni.createFrom().voidItem();
                    }
                    var now = Clock.now();
                    return images.compareAndSetStatus(id, ImageStatus.SAVING, ImageStatus.QUEUED, now)
                            .chain(changed -> {
                                if (!changed) {
                                    return Uni.createFrom().voidItem();
                                }
                                image.status = ImageStatus.QUEUED;
                                image.updatedAt = now;
                                image.size = null;
                                image.virtualSize = null;
                                image.checksum = null;
                                image.osHashAlgo = null;
                                image.osHashValue = null;
                                Map<String, String> properties = new LinkedHashMap<>(image.properties);
                                properties.remove(ImageKeys.DETECTED_FORMAT);
                                properties.remove(ImageKeys.FORMAT_SAFETY);
                                image.properties = properties;
                                return events.record(EventTypes.IMAGE_UPDATE, image, caller);
                            });
                })
                .onFailure(ImageNotFoundException.class)
                .recoverWithNull()
                .chain(() -> leases.release(id));
    }

    /** The image once {@code download_image} is allowed; deactivated images only for admins (403). */
    @WithSession
    public Uni<Image> forDownload(Caller caller, String id, boolean admin) {
        return lookup.forRead(CatalogOperation.DOWNLOAD_IMAGE, caller, id).invoke(image -> {
            if (image.status == ImageStatus.DEACTIVATED && !admin) {
                throw new GlimpseException.Forbidden(
                        "The requested image has been deactivated. " + "Image data download is forbidden.");
            }
        });
    }

    /**
     * Removes the image's locations in {@code storeId} (§7.4) and returns them, for the caller to delete the data
     * after this transaction committed.
     */
    @WithTransaction
    public Uni<List<ImageLocation>> removeLocation(Caller caller, String storeId, String id) {
        return lookup.forWrite(CatalogOperation.DELETE_IMAGE_LOCATION, caller, id)
                .chain(image -> {
                    if (stores.find(storeId).isEmpty()) {
                        throw new GlimpseException.Conflict("Unknown store " + storeId + ".");
                    }
                    if (image.status != ImageStatus.ACTIVE) {
                        throw new GlimpseException.Conflict(
                                "It's not allowed to remove image data from store if image status "
                                        + "is not 'active'");
                    }
                    if (image.locationIn(storeId).isEmpty()) {
                        throw new GlimpseException.NotFound(
                                "Image " + id + " is not available in store " + storeId + ".");
                    }
                    if (image.storeIds().size() == 1) {
                        throw new GlimpseException.Forbidden(
                                "Cannot delete image data from the only store containing it.");
                    }
                    List<ImageLocation> removed = image.locations().stream()
                            .filter(location -> location.storeId().equals(storeId))
                            .toList();
                    image.setLocations(image.locations().stream()
                            .filter(location -> !location.storeId().equals(storeId))
                            .toList());
                    image.updatedAt = Clock.now();
                    return events.record(EventTypes.IMAGE_UPDATE, image, caller).replaceWith(removed);
                });
    }
}
