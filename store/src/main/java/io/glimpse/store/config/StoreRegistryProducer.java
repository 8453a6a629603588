package io.glimpse.store.config;

import io.glimpse.store.S3StoreSettings;
import io.glimpse.store.StoreConfig;
import io.glimpse.store.StoreConfigurationException;
import io.glimpse.store.StoreRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the one StoreRegistry from {@code glimpse.store.*}; a bad store configuration stops the service at start. */
@ApplicationScoped
public class StoreRegistryProducer {

    @Produces
    @Singleton
    StoreRegistry registry(StoresConfig config) {
        List<StoreConfig> stores = new ArrayList<>();
        // Sorted by id so that stores of equal weight are tried in the same order on every replica.
        for (Map.Entry<String, StoresConfig.Backend> entry : new TreeMap<>(config.backends()).entrySet()) {
            stores.add(storeConfig(entry.getKey(), entry.getValue()));
        }
        return StoreRegistry.open(stores, config.defaultStore());
    }

    void close(@Disposes StoreRegistry registry) {
        registry.close();
    }

    /** One store from its {@code glimpse.store.backends.<id>.*} keys (or another group of the same shape). */
    public static StoreConfig storeConfig(String id, StoresConfig.Backend backend) {
        StoreConfig store = switch (backend.type()) {
            case "file" ->
                StoreConfig.file(id, backend.weight(), Path.of(required(id, "directory", backend.directory())));
            case "s3" ->
                StoreConfig.s3(
                        id,
                        backend.weight(),
                        new S3StoreSettings(
                                backend.endpoint().orElseThrow(() -> missing(id, "endpoint")),
                                required(id, "access-key", backend.accessKey()),
                                required(id, "secret-key", backend.secretKey()),
                                required(id, "bucket", backend.bucket()),
                                backend.region(),
                                backend.partSizeMib() * 1024L * 1024L));
            default ->
                throw new StoreConfigurationException(
                        "Store '" + id + "' has unknown type '" + backend.type() + "' (file or s3)");
        };
        return backend.description().map(store::withDescription).orElse(store);
    }

    private static String required(String id, String key, java.util.Optional<String> value) {
        return value.orElseThrow(() -> missing(id, key));
    }

    private static StoreConfigurationException missing(String id, String key) {
        return new StoreConfigurationException("Store '" + id + "' needs glimpse.store.backends." + id + "." + key);
    }
}
