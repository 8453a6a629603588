package io.glimpse.catalog;

import io.glimpse.store.StoreConfig;
import io.glimpse.store.StoreInfo;
import io.glimpse.store.StoreRegistry;
import io.glimpse.store.config.StoreRegistryProducer;
import io.glimpse.store.config.StoresConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The set of stores is the operator's alone (Glance's {@code enabled_backends}): catalog's packaged configuration
 * brings no store of its own, so a deployment that defines {@code fast} and {@code cheap} has exactly those, with
 * its own default, and a store that configures no weight reports Glance's default weight 0.
 */
class OperatorStoresTest {

    @Test
    void theStoresAreExactlyTheOnesTheOperatorDefines(@TempDir Path data) throws IOException {
        Map<String, String> operator = Map.of(
                "glimpse.store.default-store", "cheap",
                "glimpse.store.backends.fast.type", "file",
                "glimpse.store.backends.fast.weight", "100",
                "glimpse.store.backends.fast.directory", data.resolve("fast").toString(),
                "glimpse.store.backends.cheap.type", "file",
                "glimpse.store.backends.cheap.description", "Slow disks",
                "glimpse.store.backends.cheap.directory", data.resolve("cheap").toString());

        StoresConfig stores = productionConfig(operator);
        List<StoreConfig> configs = stores.backends().entrySet().stream()
                .map(backend -> StoreRegistryProducer.storeConfig(backend.getKey(), backend.getValue()))
                .toList();
        try (StoreRegistry registry = StoreRegistry.open(configs, stores.defaultStore())) {
            assertThat(registry.storesInfo())
                    .extracting(StoreInfo::id, StoreInfo::isDefault, StoreInfo::weight)
                    .containsExactlyInAnyOrder(tuple("fast", false, 100), tuple("cheap", true, 0));
        }
    }

    /** Catalog's packaged application.properties in the production profile, under the operator's file. */
    private static StoresConfig productionConfig(Map<String, String> operator) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(
                        OperatorStoresTest.class.getClassLoader().getResource("application.properties"), 250))
                .withSources(new PropertiesConfigSource(operator, "operator-stores", 260))
                .withMapping(StoresConfig.class)
                .withValidateUnknown(false)
                .build();
        return config.getConfigMapping(StoresConfig.class);
    }
}
