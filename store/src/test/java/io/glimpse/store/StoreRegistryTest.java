package io.glimpse.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreRegistryTest {

    @TempDir
    Path directory;

    private static final S3StoreSettings S3 =
            S3StoreSettings.of(URI.create("http://127.0.0.1:9000"), "glimpse", "glimpse-local-secret", "images");

    private List<StoreConfig> configs() {
        return List.of(
                StoreConfig.file("cheap", 0, directory.resolve("cheap")).withDescription("Slow disks"),
                StoreConfig.s3("fast", 100, S3),
                StoreConfig.file("also-zero", 0, directory.resolve("also-zero")),
                StoreConfig.file("os_glance_staging_store", 0, directory.resolve("staging")));
    }

    @Test
    void storesAreFoundByIdAndUnknownIdsAreTyped() {
        try (StoreRegistry registry = StoreRegistry.open(configs(), "cheap")) {
            assertThat(registry.get("fast")).isInstanceOf(S3ImageStore.class);
            assertThat(registry.get("cheap")).isInstanceOf(FileImageStore.class);
            assertThat(registry.get("fast").kind()).isEqualTo(StoreKind.S3);
            assertThat(registry.defaultStore().id()).isEqualTo("cheap");
            assertThat(registry.find("nope")).isEmpty();
            assertThatThrownBy(() -> registry.get("nope"))
                    .isInstanceOfSatisfying(
                            UnknownStoreException.class,
                            e -> assertThat(e.storeId()).isEqualTo("nope"));
        }
    }

    @Test
    void byWeightDescendingKeepsConfigurationOrderForEqualWeights() {
        try (StoreRegistry registry = StoreRegistry.open(configs(), "cheap")) {
            assertThat(registry.byWeightDescending())
                    .extracting(ImageStore::id)
                    .containsExactly("fast", "cheap", "also-zero", "os_glance_staging_store");
        }
    }

    @Test
    void storesInfoFlagsTheDefaultAndHidesReservedStores() {
        try (StoreRegistry registry = StoreRegistry.open(configs(), "fast")) {
            List<StoreInfo> infos = registry.storesInfo();

            assertThat(infos).extracting(StoreInfo::id).containsExactly("cheap", "fast", "also-zero");
            assertThat(infos)
                    .filteredOn(StoreInfo::isDefault)
                    .extracting(StoreInfo::id)
                    .containsExactly("fast");
            StoreInfo cheap = infos.get(0);
            assertThat(cheap.description()).contains("Slow disks");
            assertThat(cheap.weight()).isZero();
            assertThat(cheap.kind().glanceType()).isEqualTo("file");
            assertThat(cheap.properties())
                    .containsEntry("data_dir", directory.resolve("cheap").toString());
            StoreInfo fast = infos.get(1);
            assertThat(fast.description()).isEmpty();
            assertThat(fast.weight()).isEqualTo(100);
            assertThat(fast.properties())
                    .containsEntry("s3_store_bucket", "images")
                    .containsEntry("s3_store_large_object_chunk_size", 16L)
                    .doesNotContainValue("glimpse-local-secret");
        }
    }

    @Test
    void locationsLeadBackToTheirStore() {
        try (StoreRegistry registry = StoreRegistry.open(configs(), "cheap")) {
            String location = registry.get("also-zero")
                    .write("img-1", new ByteArrayInputStream(new byte[3]), 3, DigestSpec.glanceDefault(), 10)
                    .location();

            assertThat(registry.storeForLocation(location)).map(ImageStore::id).contains("also-zero");
            assertThat(registry.storeForLocation("s3://images/img-1"))
                    .map(ImageStore::id)
                    .contains("fast");
            assertThat(registry.storeForLocation("gopher://info.cern.ch")).isEmpty();
        }
    }

    @Test
    void invalidConfigurationsAreRejected() {
        assertThatThrownBy(() -> StoreRegistry.open(List.of(), "x")).isInstanceOf(StoreConfigurationException.class);
        assertThatThrownBy(() -> StoreRegistry.open(configs(), "missing"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("missing");
        List<StoreConfig> duplicated = new ArrayList<>(configs());
        duplicated.add(StoreConfig.file("cheap", 5, directory));
        assertThatThrownBy(() -> StoreRegistry.open(duplicated, "cheap"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> StoreConfig.file("bad id!", 0, directory))
                .isInstanceOf(StoreConfigurationException.class);
    }

    @Test
    void storesOpenedBeforeAFailingOneAreClosed() {
        List<String> closed = new ArrayList<>();
        List<StoreConfig> twoStores =
                List.of(StoreConfig.file("first", 0, directory), StoreConfig.file("second", 0, directory));

        assertThatThrownBy(() -> new StoreRegistry(twoStores, "first", config -> {
                    if (config.id().equals("second")) {
                        throw new StoreConfigurationException("cannot open second");
                    }
                    return new ClosingRecorder(config.id(), closed);
                }))
                .isInstanceOf(StoreConfigurationException.class);
        assertThat(closed).containsExactly("first");
    }

    @Test
    void s3SettingsAreValidatedAndNeverPrintTheSecret() {
        assertThat(S3.toString()).doesNotContain("glimpse-local-secret").contains("****");
        assertThat(S3.region()).isEqualTo("us-east-1");
        assertThatThrownBy(() ->
                        new S3StoreSettings(URI.create("http://h"), "a", "s", "bucket", "us-east-1", 4 * 1024 * 1024))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("5 MiB");
        assertThatThrownBy(() -> S3StoreSettings.of(URI.create("ftp://h"), "a", "s", "bucket"))
                .isInstanceOf(StoreConfigurationException.class);
        assertThatThrownBy(() -> S3StoreSettings.of(URI.create("http://h"), "a", "s", "Bad_Bucket"))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("bucket name");
    }

    /** An {@link ImageStore} that only records being closed. */
    private record ClosingRecorder(String id, List<String> closed) implements ImageStore {
        @Override
        public StoreKind kind() {
            return StoreKind.FILE;
        }

        @Override
        public StoredObject write(
                String imageId,
                InputStream data,
                long expectedSize,
                DigestSpec digests,
                long sizeCap,
                ByteSink observer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String copy(String imageId, InputStream data, long size, ByteSink observer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InputStream read(String location, Optional<ByteRange> range) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String locationOf(String imageId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String location) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean exists(String location) {
            return false;
        }

        @Override
        public long size(String location) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forEachObject(java.util.function.Consumer<StoredEntry> consumer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forEachPartialWrite(java.util.function.Consumer<PartialWrite> consumer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deletePartialWrites(String imageId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean ownsLocation(String location) {
            return false;
        }

        @Override
        public void close() {
            closed.add(id);
        }
    }
}
