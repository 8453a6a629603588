package io.glimpse.catalog.service;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageLocation;
import io.glimpse.catalog.domain.ImageStatusGraph;
import io.glimpse.catalog.domain.NewImage;
import io.glimpse.catalog.mapping.ImageSnapshotMapper;
import io.glimpse.catalog.messaging.ImageEvents;
import io.glimpse.catalog.policy.CatalogOperation;
import io.glimpse.catalog.policy.ImagePolicy;
import io.glimpse.catalog.repository.ImageRepository;
import io.glimpse.contracts.event.ImageState;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Image create, show and delete: each authorizes first, then changes state and writes its event in one transaction. */
@ApplicationScoped
public class ImageService {
    private final ImageRepository images;
    private final ImageLookup lookup;
    private final ImagePolicy policy;
    private final ImageEvents events;

    public ImageService(ImageRepository images, ImageLookup lookup, ImagePolicy policy, ImageEvents events) {
        this.images = images;
        this.lookup = lookup;
        this.policy = policy;
        this.events = events;
    }

    @WithTransaction
    public Uni<Image> create(Caller caller, NewImage request) {
        String owner = request.owner().orElse(caller.projectId());
        policy.authorizeCreate(
                caller, owner, request.visibility(), request.properties().keySet());
        String id = request.id()
                .map(value -> value.toLowerCase(Locale.ROOT))
                .orElseGet(() -> UUID.randomUUID().toString());
        return images.idTaken(id).chain(taken -> {
            if (taken) {
                throw new GlimpseException.Conflict("An image with identifier " + id + " already exists");
            }
            Image image = newImage(id, owner, request);
            return images.persist(image)
                    .chain(saved -> events.record(EventTypes.IMAGE_CREATE, saved, caller)
                            .replaceWith(saved));
        });
    }

    @WithSession
    public Uni<Image> show(Caller caller, String id) {
        return lookup.forRead(CatalogOperation.SHOW_IMAGE, caller, id);
    }

    /**
     * Soft delete (§3.4): protected → 403; the row stays with status {@code deleted} and {@code deleted_at},
     * so every later lookup answers 404. Returns the locations it had, whose data the caller deletes once this
     * committed ({@link LocationData}).
     */
    @WithTransaction
    public Uni<List<ImageLocation>> delete(Caller caller, String id) {
        return lookup.forWrite(CatalogOperation.DELETE_IMAGE, caller, id).chain(image -> {
            if (image.isProtected) {
                throw new GlimpseException.Forbidden("Image " + id + " is protected and cannot be deleted.");
            }
            if (!ImageStatusGraph.allows(image.status, ImageStatus.DELETED)) {
                throw new GlimpseException.BadRequest(
                        "Image status transition from " + image.status.wire() + " to deleted is not allowed");
            }
            ImageStatus expected = image.status;
            var now = Clock.now();
            return images.compareAndSetStatus(id, expected, ImageStatus.DELETED, now)
                    .chain(changed -> {
                        if (!changed) {
                            throw new GlimpseException.Conflict("Image " + id + " changed status while being deleted.");
                        }
                        image.status = ImageStatus.DELETED;
                        image.updatedAt = now;
                        image.deletedAt = now;
                        List<ImageLocation> dropped = image.locations();
                        image.setLocations(List.of());
                        return events.record(EventTypes.IMAGE_DELETE, image, caller)
                                .replaceWith(dropped);
                    });
        });
    }

    /** The internal lookup sharing makes ({@code GET /internal/images/{id}}); the caller holds the service role. */
    @WithSession
    public Uni<ImageState> state(String id) {
        return images.findLive(id)
                .map(image -> new ImageState(image.eventSequence, ImageSnapshotMapper.toSnapshot(image)));
    }

    private static Image newImage(String id, String owner, NewImage request) {
        var now = Clock.now();
        Image image = new Image();
        image.id = id;
        image.name = request.name().orElse(null);
        image.status = ImageStatus.QUEUED;
        image.visibility = request.visibility();
        image.isProtected = request.isProtected();
        image.osHidden = request.osHidden();
        image.owner = owner;
        image.diskFormat = request.diskFormat().orElse(null);
        image.containerFormat = request.containerFormat().orElse(null);
        image.minDisk = request.minDisk();
        image.minRam = request.minRam();
        image.tags = new ArrayList<>(request.tags());
        image.properties = new LinkedHashMap<>(request.properties());
        image.createdAt = now;
        image.updatedAt = now;
        return image;
    }
}
