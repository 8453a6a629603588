package io.glimpse.catalog.health;

import io.glimpse.store.FileImageStore;
import io.glimpse.store.ImageStore;
import io.glimpse.store.StoreInfo;
import io.glimpse.store.StoreRegistry;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ready only when every configured store can take data: file stores' directories exist and are writable, S3
 * buckets answer. Probed on a worker thread (both probes block).
 */
@Readiness
@ApplicationScoped
public class StoresReadinessCheck implements AsyncHealthCheck {
    private static final String PROBE_ID = "glimpse-readiness-probe";

    private final StoreRegistry stores;

    public StoresReadinessCheck(StoreRegistry stores) {
        this.stores = stores;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(this::probeAll).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private HealthCheckResponse probeAll() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("image stores").up();
        for (StoreInfo info : stores.storesInfo()) {
            String problem = probe(stores.get(info.id()), info);
            response.withData(info.id(), problem == null ? "ok" : problem);
            if (problem != null) {
                response.down();
            }
        }
        return response.build();
    }

    private static String probe(ImageStore store, StoreInfo info) {
        try {
            if (store instanceof FileImageStore file) {
                Path directory = Files.createDirectories(file.directory());
                return Files.isWritable(directory) ? null : "directory " + directory + " is not writable";
            }
            // Asking for an object that is never there reaches the bucket without writing anything.
            store.exists("s3://" + info.properties().get("s3_store_bucket") + "/" + PROBE_ID);
            return null;
        } catch (Exception e) {
            return e.getMessage();
        }
    }
}
