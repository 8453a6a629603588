package io.glimpse.catalog.service;

import io.glimpse.catalog.domain.ImageLocation;
import io.glimpse.catalog.repository.ImageRepository;
import io.glimpse.store.ImageStore;
import io.glimpse.store.StoreRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Deletes the data behind locations an image no longer has (image delete, PATCH remove, §7.4), after the change that
 * dropped them committed: a crash in between leaves an orphaned object (logged), never an image without its data.
 * Data another live image still points at (possible through PATCH add) is kept.
 */
@ApplicationScoped
public class LocationData {
    private static final Logger LOG = Logger.getLogger(LocationData.class);

    private final StoreRegistry stores;
    private final ImageRepository images;
    private final Vertx vertx;

    public LocationData(StoreRegistry stores, ImageRepository images, Vertx vertx) {
        this.stores = stores;
        this.images = images;
        this.vertx = vertx;
    }

    /** From a reactive use case: checks references, then deletes on a worker thread. Never fails. */
    @WithSession
    public Uni<Void> deleteUnreferenced(String imageId, List<ImageLocation> dropped) {
        return Multi.createFrom()
                .iterable(dropped)
                .onItem()
                .transformToUniAndConcatenate(location -> images.urlUsedByAnotherImage(location.url(), imageId)
                        .chain(used -> used
                                ? Uni.createFrom().item(false)
                                : vertx.executeBlocking(() -> delete(imageId, location), false)))
                .collect()
                .last()
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.errorf("image %s: data of dropped locations not deleted: %s", imageId, e))
                .onFailure()
                .recoverWithNull();
    }

    /** Blocking: deletes one location's data now; failures are logged. */
    boolean delete(String imageId, ImageLocation location) {
        Optional<ImageStore> store = stores.find(location.storeId());
        if (store.isEmpty()) {
            LOG.warnf(
                    "image %s: store %s is not configured, data left at %s",
                    imageId, location.storeId(), location.url());
            return false;
        }
        try {
            store.get().delete(location.url());
            return true;
        } catch (RuntimeException e) {
            LOG.errorf("image %s: location dropped but data left at %s: %s", imageId, location.url(), e.toString());
            return false;
        }
    }
}
