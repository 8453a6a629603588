package io.glimpse.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One configured store.
 *
 * @param id store id as clients name it ({@code X-Image-Meta-Store}, {@code stores})
 * @param description shown in {@code GET /v2/info/stores}
 * @param weight location preference: higher is tried first (Glance default 0)
 */
public record StoreConfig(String id, Optional<String> description, int weight, StoreSettings settings) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    public StoreConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(settings, "settings");
        if (!ID.matcher(id).matches()) {
            throw new StoreConfigurationException("Store id must match " + ID + ": " + id);
        }
    }

    public static StoreConfig file(String id, int weight, Path directory) {
        return new StoreConfig(id, Optional.empty(), weight, new FileStoreSettings(directory));
    }

    public static StoreConfig s3(String id, int weight, S3StoreSettings settings) {
        return new StoreConfig(id, Optional.empty(), weight, settings);
    }

    public StoreConfig withDescription(String text) {
        return new StoreConfig(id, Optional.of(text), weight, settings);
    }

    public StoreKind kind() {
        return settings.kind();
    }
}
