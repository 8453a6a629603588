package io.glimpse.catalog.service;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageKeys;
import io.glimpse.catalog.domain.ImageLocation;
import io.glimpse.catalog.mapping.ImageSnapshotMapper;
import io.glimpse.catalog.messaging.ImageEvents;
import io.glimpse.catalog.policy.CatalogOperation;
import io.glimpse.catalog.policy.ImagePolicy;
import io.glimpse.catalog.repository.ImageRepository;
import io.glimpse.catalog.storage.LocationOrder;
import io.glimpse.contracts.event.ImageState;
import io.glimpse.contracts.internal.ImportBegin;
import io.glimpse.contracts.internal.ImportEnd;
import io.glimpse.contracts.internal.ImportKeys;
import io.glimpse.contracts.internal.ImportPlan;
import io.glimpse.contracts.internal.ImportStoreResult;
import io.glimpse.contracts.internal.StoredLocation;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.store.StoreInfo;
import io.glimpse.store.StoreRegistry;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The image side of staging and importing (glance-v2-api.md §5.3, §8.2, §8.3), commanded by import-service through
 * the internal API: import-service moves the bytes and runs the work; the image's state, its lock, its locations and
 * its events stay here, each command one transaction. The lock ({@code os_glance_import_task}) names the task; the
 * fence ({@code os_glance_import_fence}) the newest attempt of it, so a worker presumed dead can never overwrite what
 * a newer attempt did.
 */
@ApplicationScoped
public class ImageImportService {
    static final String GLANCE_DIRECT = "glance-direct";
    static final String COPY_IMAGE = "copy-image";
    private static final Set<String> FROM_QUEUED = Set.of("web-download", "glance-download");

    private final ImageRepository images;
    private final ImageLookup lookup;
    private final ImagePolicy policy;
    private final ImageEvents events;
    private final StoreRegistry stores;
    private final LocationOrder order;

    public ImageImportService(
            ImageRepository images,
            ImageLookup lookup,
            ImagePolicy policy,
            ImageEvents events,
            StoreRegistry stores,
            LocationOrder order) {
        this.images = images;
        this.lookup = lookup;
        this.policy = policy;
        this.events = events;
        this.stores = stores;
        this.order = order;
    }

    /** {@code get_image} for a user of another service: the image's state, or 404. */
    @WithTransaction
    public Uni<ImageState> access(Caller caller, String id) {
        return lookup.forRead(CatalogOperation.SHOW_IMAGE, caller, id).map(ImageImportService::state);
    }

    /** {@code modify_image}, then {@code queued → uploading} with the attempt's token (§5.3). */
    @WithTransaction
    public Uni<ImageState> beginStaging(Caller caller, String id, String stageToken) {
        return lookup.forWrite(CatalogOperation.MODIFY_IMAGE, caller, id).chain(image -> {
            if (image.status != ImageStatus.QUEUED) {
                throw new GlimpseException.Conflict(
                        "Image status transition from " + image.status.wire() + " to uploading is not allowed");
            }
            return transition(image, ImageStatus.QUEUED, ImageStatus.UPLOADING).chain(() -> {
                Map<String, String> properties = new LinkedHashMap<>(image.properties);
                properties.put(ImageKeys.STAGE_HOST, stageToken);
                image.properties = properties;
                return events.record(EventTypes.IMAGE_UPDATE, image, caller).map(done -> state(image));
            });
        });
    }

    /** Settles the staging attempt named by {@code stageToken}: its size, or back to {@code queued}. */
    @WithTransaction
    public Uni<Void> endStaging(Caller caller, String id, String stageToken, boolean stored, long size) {
        return images.findLiveForUpdate(id).chain(image -> {
            boolean ours = stageToken.equals(image.properties.get(ImageKeys.STAGE_HOST));
            if (!ours || image.status != ImageStatus.UPLOADING) {
                throw new GlimpseException.Conflict("Image " + id + " is no longer in this staging attempt.");
            }
            if (stored) {
                if (Objects.equals(image.size, size)) {
                    return Uni.createFrom().voidItem();
                }
                image.size = size;
                image.updatedAt = Clock.now();
                return events.record(EventTypes.IMAGE_UPDATE, image, caller);
            }
            return transition(image, ImageStatus.UPLOADING, ImageStatus.QUEUED).chain(() -> {
                clearData(image);
                Map<String, String> properties = new LinkedHashMap<>(image.properties);
                properties.remove(ImageKeys.STAGE_HOST);
                image.properties = properties;
                return events.record(EventTypes.IMAGE_UPDATE, image, caller);
            });
        });
    }

    /**
     * Takes the import lock for a task, checking in Glance's order (§8.2): visibility (404), status and formats (409),
     * policy (403), the store choice (400/409), what a copy would duplicate (400), the lock (409).
     */
    @WithTransaction
    public Uni<ImportPlan> beginImport(Caller caller, String id, ImportBegin request) {
        return lookup.forWrite(CatalogOperation.SHOW_IMAGE, caller, id).chain(image -> {
            boolean copy = COPY_IMAGE.equals(request.method());
            requireStatusFor(request.method(), image);
            requireFormats(image);
            policy.authorizeAlso(copy ? CatalogOperation.COPY_IMAGE : CatalogOperation.MODIFY_IMAGE, caller, image);
            List<String> targets = targets(request, image, copy);
            if (targets.isEmpty()) {
                return Uni.createFrom().item(plan(image, targets));
            }
            String holder = image.properties.get(ImageKeys.IMPORT_TASK);
            if (holder != null && !holder.equals(request.replacesTask())) {
                throw new GlimpseException.Conflict("Image " + id + " is already being imported by task " + holder
                        + "; try again when that task has ended.");
            }
            Uni<Void> status =
                    copy ? Uni.createFrom().voidItem() : transition(image, image.status, ImageStatus.IMPORTING);
            return status.chain(() -> {
                Map<String, String> properties = new LinkedHashMap<>(image.properties);
                properties.put(ImageKeys.IMPORT_TASK, request.taskId());
                properties.put(ImageKeys.IMPORT_FENCE, "0");
                properties.put(ImageKeys.IMPORTING_TO_STORES, String.join(",", targets));
                properties.put(ImageKeys.FAILED_IMPORT, without(properties.get(ImageKeys.FAILED_IMPORT), targets));
                properties.remove(ImageKeys.STAGE_HOST);
                image.properties = properties;
                image.updatedAt = Clock.now();
                return events.record(EventTypes.IMAGE_UPDATE, image, caller).map(done -> plan(image, targets));
            });
        });
    }

    /** Attempt {@code fence} of the lock-holding task starts: older attempts are shut out from here on. */
    @WithTransaction
    public Uni<ImportPlan> resumeImport(String id, String taskId, long fence) {
        return lockedBy(id, taskId, fence).map(image -> {
            Map<String, String> properties = new LinkedHashMap<>(image.properties);
            properties.put(ImageKeys.IMPORT_FENCE, Long.toString(fence));
            image.properties = properties;
            return plan(image, ImportKeys.stores(image.properties.get(ImageKeys.IMPORTING_TO_STORES)));
        });
    }

    /** One target store is done: its location and the image's digests, or its failure. */
    @WithTransaction
    public Uni<Void> storeDone(Caller caller, String id, String taskId, ImportStoreResult result) {
        return lockedBy(id, taskId, result.fence()).chain(image -> {
            if (result.written()) {
                return stored(caller, image, result);
            }
            Map<String, String> properties = new LinkedHashMap<>(image.properties);
            properties.put(
                    ImageKeys.IMPORTING_TO_STORES,
                    without(properties.get(ImageKeys.IMPORTING_TO_STORES), List.of(result.storeId())));
            properties.put(ImageKeys.FAILED_IMPORT, with(properties.get(ImageKeys.FAILED_IMPORT), result.storeId()));
            image.properties = properties;
            image.updatedAt = Clock.now();
            return events.record(EventTypes.IMAGE_UPDATE, image, caller);
        });
    }

    /**
     * Ends the task's import: the lock goes; on success an importing image with data becomes active, on revert the
     * task's locations are dropped (returned, for their data to be deleted after commit) and an importing image goes
     * back to queued. A task that no longer holds the lock has ended already: nothing changes.
     */
    @WithTransaction
    public Uni<List<ImageLocation>> endImport(Caller caller, String id, String taskId, ImportEnd end) {
        return images.findLiveForUpdate(id).chain(image -> {
            if (!taskId.equals(image.properties.get(ImageKeys.IMPORT_TASK))) {
                return Uni.createFrom().item(List.<ImageLocation>of());
            }
            requireCurrentAttempt(image, end.fence());
            Uni<Void> status = Uni.createFrom().voidItem();
            String type = EventTypes.IMAGE_UPDATE;
            List<ImageLocation> dropped = List.of();
            if (end.revert()) {
                // An importing image had no data before this task: all of it goes. A copied image keeps its own.
                boolean importing = image.status == ImageStatus.IMPORTING;
                dropped = image.locations().stream()
                        .filter(location -> importing
                                || (end.removeStores() != null
                                        && end.removeStores().contains(location.storeId())))
                        .toList();
                List<ImageLocation> gone = dropped;
                image.setLocations(image.locations().stream()
                        .filter(location -> !gone.contains(location))
                        .toList());
            }
            if (image.status == ImageStatus.IMPORTING) {
                boolean activate = !end.revert() && !image.locations().isEmpty();
                status = transition(image, ImageStatus.IMPORTING, activate ? ImageStatus.ACTIVE : ImageStatus.QUEUED);
                if (activate) {
                    type = EventTypes.IMAGE_ACTIVATE;
                } else {
                    clearData(image);
                }
            }
            List<ImageLocation> droppedLocations = dropped;
            String eventType = type;
            return status.chain(() -> {
                Map<String, String> properties = new LinkedHashMap<>(image.properties);
                properties.remove(ImageKeys.IMPORT_TASK);
                properties.remove(ImageKeys.IMPORT_FENCE);
                properties.put(ImageKeys.IMPORTING_TO_STORES, "");
                for (String failed : end.failedStores()) {
                    properties.put(ImageKeys.FAILED_IMPORT, with(properties.get(ImageKeys.FAILED_IMPORT), failed));
                }
                image.properties = properties;
                image.updatedAt = Clock.now();
                return events.record(eventType, image, caller).replaceWith(droppedLocations);
            });
        });
    }

    private Uni<Void> stored(Caller caller, Image image, ImportStoreResult result) {
        if (image.locations().stream().anyMatch(location -> location.url().equals(result.location()))) {
            return Uni.createFrom().voidItem();
        }
        if (image.checksum != null
                && (!image.checksum.equals(result.checksum()) || !Objects.equals(image.size, result.size()))) {
            throw new GlimpseException.Conflict("The data written to store " + result.storeId() + " is not the data of"
                    + " image " + image.id + " (size or checksum differ).");
        }
        if (image.checksum == null) {
            image.size = result.size();
            image.checksum = result.checksum();
            image.osHashAlgo = result.osHashAlgo();
            image.osHashValue = result.osHashValue();
            image.virtualSize = result.virtualSize();
            // What the import plugins made of the data: a conversion's formats, the operator's injected properties.
            if (result.diskFormat() != null) {
                image.diskFormat = result.diskFormat();
            }
            if (result.containerFormat() != null) {
                image.containerFormat = result.containerFormat();
            }
        }
        Map<String, String> properties = new LinkedHashMap<>(image.properties);
        if (result.properties() != null) {
            result.properties().forEach((key, value) -> {
                if (!key.startsWith("os_glance") && !key.startsWith("glimpse_")) {
                    properties.put(key, value);
                }
            });
        }
        if (result.inspection() != null) {
            // Only the inspection's own read-only keys: nothing else may reach the image this way.
            result.inspection().forEach((key, value) -> {
                if (key.equals(ImageKeys.DETECTED_FORMAT) || key.equals(ImageKeys.FORMAT_SAFETY)) {
                    properties.put(key, value);
                }
            });
        }
        properties.put(
                ImageKeys.IMPORTING_TO_STORES,
                without(properties.get(ImageKeys.IMPORTING_TO_STORES), List.of(result.storeId())));
        image.properties = properties;
        List<ImageLocation> locations = new ArrayList<>(image.locations());
        locations.add(ImageLocation.active(result.location(), result.storeId()));
        // The stores field lists stores by weight, as Glance does (and as tempest's import waiter expects).
        image.setLocations(order.byWeight(locations));
        image.updatedAt = Clock.now();
        if (result.activate() && image.status == ImageStatus.IMPORTING) {
            return transition(image, ImageStatus.IMPORTING, ImageStatus.ACTIVE)
                    .chain(() -> events.record(EventTypes.IMAGE_UPLOAD, image, caller))
                    .chain(() -> events.record(EventTypes.IMAGE_ACTIVATE, image, caller));
        }
        return events.record(EventTypes.IMAGE_UPLOAD, image, caller);
    }

    /** The image, locked, once the task holds its lock and {@code fence} is not older than the newest attempt. */
    private Uni<Image> lockedBy(String id, String taskId, long fence) {
        return images.findLiveForUpdate(id).invoke(image -> {
            if (!taskId.equals(image.properties.get(ImageKeys.IMPORT_TASK))) {
                throw new GlimpseException.Conflict(
                        "Task " + taskId + " does not hold the import lock of image " + id + ".");
            }
            requireCurrentAttempt(image, fence);
        });
    }

    private static void requireCurrentAttempt(Image image, long fence) {
        long newest = Long.parseLong(image.properties.getOrDefault(ImageKeys.IMPORT_FENCE, "0"));
        if (fence < newest) {
            throw new GlimpseException.Conflict("Attempt " + fence + " of the import of image " + image.id
                    + " has been superseded by attempt " + newest + ".");
        }
    }

    private static void requireStatusFor(String method, Image image) {
        ImageStatus status = image.status;
        if (COPY_IMAGE.equals(method)) {
            if (status != ImageStatus.ACTIVE) {
                throw new GlimpseException.Conflict("Only images with status active can be targeted for copying");
            }
            return;
        }
        if (status == ImageStatus.ACTIVE) {
            throw new GlimpseException.Conflict("Image with status active cannot be target for import");
        }
        if (FROM_QUEUED.contains(method) && status != ImageStatus.QUEUED) {
            throw new GlimpseException.Conflict("Image needs to be in 'queued' state to use '" + method + "' method");
        }
        if (GLANCE_DIRECT.equals(method) && status != ImageStatus.UPLOADING) {
            throw new GlimpseException.Conflict("Image needs to be staged before 'glance-direct' method can be used");
        }
    }

    private static void requireFormats(Image image) {
        if (image.containerFormat == null) {
            throw new GlimpseException.Conflict("'container_format' needs to be set before import");
        }
        if (image.diskFormat == null) {
            throw new GlimpseException.Conflict("'disk_format' needs to be set before import");
        }
    }

    /** The stores to write, sorted; a copy to all stores leaves out those that hold the image already. */
    private List<String> targets(ImportBegin request, Image image, boolean copy) {
        boolean allStores = Boolean.TRUE.equals(request.allStores());
        if (allStores && (request.stores() != null || request.headerStore() != null)) {
            throw new GlimpseException.BadRequest(
                    "All_stores parameter can't be used with x-image-meta-store header or stores parameter");
        }
        if (request.stores() != null && request.headerStore() != null) {
            throw new GlimpseException.BadRequest(
                    "Stores parameter and x-image-meta-store header can't be both specified");
        }
        Set<String> wanted = new LinkedHashSet<>();
        if (allStores) {
            stores.storesInfo().stream().map(StoreInfo::id).forEach(wanted::add);
        } else if (request.stores() != null) {
            if (request.stores().isEmpty()) {
                throw new GlimpseException.BadRequest("'stores' must name at least one store");
            }
            wanted.addAll(request.stores());
        } else if (request.headerStore() != null) {
            wanted.add(request.headerStore());
        } else {
            wanted.add(stores.defaultStoreId());
        }
        for (String store : wanted) {
            if (stores.find(store).isEmpty() || store.startsWith(ImageKeys.INTERNAL_PREFIX)) {
                throw new GlimpseException.Conflict("Store for identifier " + store + " not found");
            }
        }
        if (copy) {
            List<String> holding = image.storeIds();
            if (allStores) {
                wanted.removeAll(holding);
            } else {
                wanted.stream().filter(holding::contains).findFirst().ifPresent(store -> {
                    throw new GlimpseException.BadRequest("Image is already present at store '" + store + "'");
                });
            }
        }
        return List.copyOf(new TreeSet<>(wanted));
    }

    private Uni<Void> transition(Image image, ImageStatus from, ImageStatus to) {
        var now = Clock.now();
        return images.compareAndSetStatus(image.id, from, to, now)
                .invoke(changed -> {
                    if (!changed) {
                        throw new GlimpseException.Conflict(
                                "Image " + image.id + " changed status from " + from.wire() + " meanwhile.");
                    }
                    image.status = to;
                    image.updatedAt = now;
                })
                .replaceWithVoid();
    }

    private static void clearData(Image image) {
        image.size = null;
        image.virtualSize = null;
        image.checksum = null;
        image.osHashAlgo = null;
        image.osHashValue = null;
        Map<String, String> properties = new LinkedHashMap<>(image.properties);
        properties.remove(ImageKeys.DETECTED_FORMAT);
        properties.remove(ImageKeys.FORMAT_SAFETY);
        image.properties = properties;
    }

    private static ImportPlan plan(Image image, List<String> targets) {
        return new ImportPlan(
                targets,
                state(image),
                image.locations().stream()
                        .map(location -> new StoredLocation(location.url(), location.storeId()))
                        .toList());
    }

    private static ImageState state(Image image) {
        return new ImageState(image.eventSequence, ImageSnapshotMapper.toSnapshot(image));
    }

    private static String without(String commaSeparated, List<String> removed) {
        return ImportKeys.stores(commaSeparated).stream()
                .filter(store -> !removed.contains(store))
                .collect(Collectors.joining(","));
    }

    private static String with(String commaSeparated, String added) {
        Set<String> all = new TreeSet<>(ImportKeys.stores(commaSeparated));
        all.add(added);
        return String.join(",", all);
    }
}
