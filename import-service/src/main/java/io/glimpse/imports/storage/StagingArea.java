package io.glimpse.imports.storage;

import io.glimpse.imports.config.ImportConfig;
import io.glimpse.store.ImageStore;
import io.glimpse.store.StoreRegistry;
import io.glimpse.store.config.StoreRegistryProducer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Where staged data lives until its import ends (Glance's {@code os_glance_staging_store}): a directory every
 * instance can read or an S3 bucket, so any instance can continue any import. Objects are named by image id.
 */
@ApplicationScoped
public class StagingArea {
    /** Glance's reserved id of the staging store; never one clients can name. */
    public static final String STORE_ID = "os_glance_staging_store";

    private final StoreRegistry registry;

    public StagingArea(ImportConfig config) {
        this.registry =
                StoreRegistry.open(List.of(StoreRegistryProducer.storeConfig(STORE_ID, config.staging())), STORE_ID);
    }

    public ImageStore store() {
        return registry.defaultStore();
    }

    @PreDestroy
    void close() {
        registry.close();
    }
}
