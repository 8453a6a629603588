package io.glimpse.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The configured stores by id, with the default one. Built once at startup and shared; closing
 * it closes every store.
 */
public final class StoreRegistry implements AutoCloseable {

    /** Glance hides its reserved stores ({@code os_glance_staging_store}, ...) from info/stores. */
    private static final String RESERVED_PREFIX = "os_glance_";

    private final Map<String, Entry> entries;
    private final String defaultStoreId;

    private record Entry(StoreConfig config, ImageStore store) {}

    /** Opens the real backends ({@link FileImageStore}, {@link S3ImageStore}) for the configs. */
    public static StoreRegistry open(List<StoreConfig> configs, String defaultStoreId) {
        return new StoreRegistry(configs, defaultStoreId, StoreRegistry::openStore);
    }

    /**
     * Builds a registry whose stores come from {@code storeFactory}, e.g. an in-memory store in a
     * unit test of a caller.
     *
     * @throws StoreConfigurationException no stores, duplicate ids, or an unknown default id
     */
    public StoreRegistry(
            List<StoreConfig> configs, String defaultStoreId, Function<StoreConfig, ImageStore> storeFactory) {
        Objects.requireNonNull(defaultStoreId, "defaultStoreId");
        validate(configs, defaultStoreId);
        this.defaultStoreId = defaultStoreId;
        this.entries = openAll(configs, storeFactory);
    }

    private static void validate(List<StoreConfig> configs, String defaultStoreId) {
        if (configs.isEmpty()) {
            throw new StoreConfigurationException("At least one store must be configured");
        }
        List<String> ids = configs.stream().map(StoreConfig::id).toList();
        if (ids.stream().distinct().count() != ids.size()) {
            throw new StoreConfigurationException("Store ids must be unique: " + ids);
        }
        if (!ids.contains(defaultStoreId)) {
            throw new StoreConfigurationException(
                    "Default store '" + defaultStoreId + "' is not among the stores " + ids);
        }
    }

    private static Map<String, Entry> openAll(
            List<StoreConfig> configs, Function<StoreConfig, ImageStore> storeFactory) {
        Map<String, Entry> opened = new LinkedHashMap<>();
        try {
            for (StoreConfig config : configs) {
                ImageStore store = storeFactory.apply(config);
                opened.put(config.id(), new Entry(config, store));
                if (!store.id().equals(config.id())) {
                    throw new StoreConfigurationException(
                            "Factory built store '" + store.id() + "' for config '" + config.id() + "'");
                }
            }
        } catch (RuntimeException e) {
            // Do not leak the clients of the stores opened before the failing one.
            opened.values().forEach(entry -> entry.store().close());
            throw e;
        }
        return opened;
    }

    private static ImageStore openStore(StoreConfig config) {
        return switch (config.settings()) {
            case FileStoreSettings file -> new FileImageStore(config.id(), file.directory());
            case S3StoreSettings s3 -> new S3ImageStore(config.id(), s3);
        };
    }

    /**
     * @throws UnknownStoreException no store with that id (an upload naming it answers 400)
     */
    public ImageStore get(String storeId) {
        return find(storeId).orElseThrow(() -> new UnknownStoreException(storeId));
    }

    public Optional<ImageStore> find(String storeId) {
        return Optional.ofNullable(entries.get(storeId)).map(Entry::store);
    }

    public ImageStore defaultStore() {
        return get(defaultStoreId);
    }

    public String defaultStoreId() {
        return defaultStoreId;
    }

    /** Highest weight first; stores of equal weight keep their configuration order. */
    public List<ImageStore> byWeightDescending() {
        return entries.values().stream()
                .sorted(Comparator.comparingInt((Entry entry) -> entry.config().weight())
                        .reversed())
                .map(Entry::store)
                .toList();
    }

    /** The store whose locations look like {@code location}, e.g. to serve or delete it. */
    public Optional<ImageStore> storeForLocation(String location) {
        return entries.values().stream()
                .map(Entry::store)
                .filter(store -> store.ownsLocation(location))
                .findFirst();
    }

    /** What {@code GET /v2/info/stores[/detail]} lists, in configuration order. */
    public List<StoreInfo> storesInfo() {
        List<StoreInfo> infos = new ArrayList<>();
        for (Entry entry : entries.values()) {
            StoreConfig config = entry.config();
            if (config.id().startsWith(RESERVED_PREFIX)) {
                continue;
            }
            infos.add(new StoreInfo(
                    config.id(),
                    config.description(),
                    config.id().equals(defaultStoreId),
                    config.weight(),
                    config.kind(),
                    config.settings().detailProperties()));
        }
        return List.copyOf(infos);
    }

    @Override
    public void close() {
        entries.values().forEach(entry -> entry.store().close());
    }
}
