package io.glimpse.catalog.service;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.repository.ImageRepository;
import io.glimpse.catalog.repository.UploadLeaseRepository;
import io.glimpse.store.ImageStore;
import io.glimpse.store.StoreException;
import io.glimpse.store.StoreRegistry;
import io.glimpse.store.StoredEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects store objects that no live image points at: what a crash between a delete's commit and its data deletion
 * left behind (ADR 0004), or a service's object that was never registered. It also collects the partial writes of
 * uploads that no live instance streams (no live upload lease) and no import writes, e.g. of an image deleted after its instance died.
 * Only what is older than the grace period is touched, and each is checked against the database right before it
 * goes.
 */
@ApplicationScoped
public class OrphanedDataScrubber {
    private static final Logger LOG = Logger.getLogger(OrphanedDataScrubber.class);

    private final StoreRegistry stores;
    private final ImageRepository images;
    private final UploadLeaseRepository leases;
    private final CatalogConfig.Scrubber config;

    public OrphanedDataScrubber(
            StoreRegistry stores, ImageRepository images, UploadLeaseRepository leases, CatalogConfig config) {
        this.stores = stores;
        this.images = images;
        this.leases = leases;
        this.config = config.scrubber();
    }

    @Scheduled(
            every = "${glimpse.catalog.scrubber.interval:1h}",
            delayed = "5m",
            identity = "orphaned-data-scrubber",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.enabled()) {
            scrub(config.grace());
        }
    }

    /**
     * Blocking. Deletes unreferenced objects and abandoned partial writes last written more than {@code grace} ago;
     * the locations deleted, and {@code <store>:partial:<image id>} for each image whose partial writes went.
     */
    public List<String> scrub(Duration grace) {
        Instant writtenBefore = Instant.now().minus(grace);
        List<String> deleted = new ArrayList<>();
        for (ImageStore store : stores.byWeightDescending()) {
            try {
                // Checked one by one as the listing streams by (an index lookup each), never held as a whole.
                store.forEachObject(entry -> {
                    if (entry.lastModified().isBefore(writtenBefore) && !inUse(entry) && deleteQuietly(store, entry)) {
                        deleted.add(entry.location());
                    }
                });
                Set<String> abandoned = new LinkedHashSet<>();
                store.forEachPartialWrite(partial -> {
                    if (partial.lastModified().isBefore(writtenBefore) && !uploading(partial.imageId())) {
                        abandoned.add(partial.imageId());
                    }
                });
                for (String imageId : abandoned) {
                    store.deletePartialWrites(imageId);
                    deleted.add(store.id() + ":partial:" + imageId);
                }
            } catch (StoreException e) {
                LOG.warnf("store %s could not be listed for orphaned data: %s", store.id(), e.toString());
            }
        }
        if (!deleted.isEmpty()) {
            LOG.infof("deleted %d orphaned objects: %s", deleted.size(), deleted);
        }
        return deleted;
    }

    /** Whether the image's data is being written: an upload under a live lease, or an import in progress. */
    private boolean uploading(String imageId) {
        return ImageUploadService.await(() -> Panache.withSession(() -> leases.isLive(imageId)
                .chain(live -> live ? Uni.createFrom().item(true) : images.importInProgress(imageId))));
    }

    private boolean inUse(StoredEntry entry) {
        return ImageUploadService.await(() -> Panache.withSession(() -> images.urlInUse(entry.location())));
    }

    private static boolean deleteQuietly(ImageStore store, StoredEntry entry) {
        try {
            store.delete(entry.location());
            return true;
        } catch (StoreException e) {
            LOG.warnf("orphaned object %s not deleted: %s", entry.location(), e.toString());
            return false;
        }
    }
}
