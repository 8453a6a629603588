package io.glimpse.imports.workflow;

import io.glimpse.contracts.internal.ImportStoreResult;
import io.glimpse.imports.config.ImportConfig;
import io.glimpse.imports.domain.StagedData;
import io.glimpse.imports.domain.StepStatus;
import io.glimpse.imports.storage.StagingArea;
import io.glimpse.store.ImageStore;
import io.glimpse.store.StoreException;
import io.glimpse.store.StoreRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code store} steps: each target store written from the staged data and registered with catalog. Writes run
 * on a pool of {@code glimpse.import.work.parallel-stores} threads shared by every import of the instance, which is
 * the memory budget of copies (one read buffer each; an S3 target two parts). A file store on the staging area's file
 * system links the staged file instead of copying it. The data's digests are the staging pass's: the bytes are
 * not digested again.
 */
@ApplicationScoped
public class StoreWriter {
    private static final Logger LOG = Logger.getLogger(StoreWriter.class);

    private final StoreRegistry stores;
    private final StagingArea staging;
    private final ExecutorService writers;

    public StoreWriter(StoreRegistry stores, StagingArea staging, ImportConfig config) {
        this.stores = stores;
        this.staging = staging;
        AtomicInteger count = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(config.work().parallelStores(), runnable -> {
            Thread thread = new Thread(runnable, "import-store-writer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Built when the service starts, not by the first import: opening the stores (building an S3 client takes seconds
     * of CPU) made the first import after a start take 10 s instead of 2.
     */
    void openStoresAtStart(@Observes StartupEvent started) {
        LOG.debugf("stores open; default %s", stores.defaultStoreId());
    }

    /**
     * Writes one store; the future's value is empty on success, the reason on a store's failure (recorded and told to
     * catalog). A stop (deletion, lost lease) fails the future with the stop.
     */
    Future<Optional<String>> submit(
            ImportRun run,
            String storeId,
            StagedData staged,
            ImportRun.FormatOutcome format,
            ImageChanges changes,
            Progress.Phase phase) {
        return writers.submit(() -> write(run, storeId, staged, format, changes, phase));
    }

    private Optional<String> write(
            ImportRun run,
            String storeId,
            StagedData staged,
            ImportRun.FormatOutcome format,
            ImageChanges changes,
            Progress.Phase phase) {
        run.checkGoingOn();
        phase.running();
        String imageId = run.task().imageId;
        Optional<ImageStore> target = stores.find(storeId);
        if (target.isEmpty()) {
            return failed(run, storeId, phase, "Store " + storeId + " is not configured in the import service.");
        }
        ImageStore store = target.get();
        String location = store.locationOf(imageId);
        boolean registered =
                run.plan().locations().stream().anyMatch(known -> known.url().equals(location));
        try {
            if (!registered) {
                // What an attempt that died before registering its write left there is not trusted: written again.
                store.delete(location);
                store.copyFrom(staging.store(), staged.location, imageId, staged.size, bytes -> {
                    run.checkGoingOn();
                    phase.add(bytes);
                });
            }
        } catch (StoreException e) {
            return failed(run, storeId, phase, "Writing to store " + storeId + " failed: " + e.getMessage());
        }
        run.registerStore(new ImportStoreResult(
                run.user(),
                run.attempt(),
                storeId,
                true,
                !run.task().allStoresMustSucceed,
                location,
                staged.size,
                staged.checksum,
                staged.osHashAlgo,
                staged.osHashValue,
                format.virtualSize(),
                format.inspection(),
                changes.diskFormat(),
                changes.containerFormat(),
                changes.properties(),
                null));
        run.record(ImportRun.STORE, storeId, StepStatus.DONE, Map.of("location", location));
        phase.done();
        return Optional.empty();
    }

    private Optional<String> failed(ImportRun run, String storeId, Progress.Phase phase, String reason) {
        LOG.infof("import task %s: %s", run.taskId(), reason);
        phase.failed();
        run.registerStore(new ImportStoreResult(
                run.user(),
                run.attempt(),
                storeId,
                false,
                false,
                null,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                reason));
        run.record(ImportRun.STORE, storeId, StepStatus.FAILED, Map.of("reason", reason));
        return Optional.of(reason);
    }

    /** Deletes what an import may have written to a store without registering it; never fails. */
    void deleteUnregistered(String imageId, String storeId) {
        stores.find(storeId).ifPresent(store -> {
            try {
                store.delete(store.locationOf(imageId));
            } catch (StoreException e) {
                LOG.errorf("data of image %s left in store %s: %s", imageId, storeId, e.toString());
            }
        });
    }

    @PreDestroy
    void stop() {
        writers.shutdownNow();
    }
}
