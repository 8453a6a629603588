package io.glimpse.catalog.service;

import io.glimpse.catalog.repository.UploadLeaseRepository;
import io.glimpse.store.ImageStore;
import io.glimpse.store.StoreRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Crash recovery of uploads (ARCHITECTURE.md "Consistency rules"): every {@code lease-interval} this instance renews
 * the leases of the uploads it streams, and takes over each expired lease, which belongs to an instance that died
 * mid-upload. It deletes the upload's partial data from every store, then puts the image back to {@code queued}
 * with the same event a failed upload writes, so the owner can upload again. With the defaults (30 s lease, 10 s
 * interval) an image is back to {@code queued} at most 40 s after its instance died.
 */
@ApplicationScoped
public class UploadRecovery {
    private static final Logger LOG = Logger.getLogger(UploadRecovery.class);

    private final UploadLeases leases;
    private final UploadLeaseRepository repository;
    private final ImageDataSteps steps;
    private final StoreRegistry stores;

    public UploadRecovery(
            UploadLeases leases, UploadLeaseRepository repository, ImageDataSteps steps, StoreRegistry stores) {
        this.leases = leases;
        this.repository = repository;
        this.steps = steps;
        this.stores = stores;
    }

    @Scheduled(
            every = "${glimpse.catalog.upload.lease-interval:10s}",
            delayed = "1s",
            identity = "upload-leases",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            ImageUploadService.await(() -> Panache.withTransaction(leases::renewStreaming));
            recoverAbandonedUploads();
        } catch (RuntimeException e) {
            // The database is down: nothing can be renewed or recovered now, and the next pass tries again.
            LOG.warnf("upload leases could not be renewed or checked: %s", e.toString());
        }
    }

    /** Blocking. Recovers every upload whose lease expired; the ids of the images put back to {@code queued}. */
    public List<String> recoverAbandonedUploads() {
        List<String> recovered = new ArrayList<>();
        for (String imageId : ImageUploadService.await(() -> Panache.withSession(repository::expired))) {
            if (!ImageUploadService.await(() -> Panache.withTransaction(() -> leases.claimExpired(imageId)))) {
                continue; // renewed meanwhile, or another instance took it
            }
            try {
                for (ImageStore store : stores.byWeightDescending()) {
                    store.deletePartialWrites(imageId);
                }
                ImageUploadService.await(() -> steps.revertUpload(CatalogItself.caller(), imageId));
                LOG.infof("image %s: its upload's instance is gone; partial data deleted, back to queued", imageId);
                recovered.add(imageId);
            } catch (RuntimeException e) {
                // Our claim expires like any lease, and a later pass (of any instance) tries again.
                LOG.warnf("image %s: the abandoned upload could not be cleaned up yet: %s", imageId, e.toString());
            }
        }
        return recovered;
    }
}
