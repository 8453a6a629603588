package io.glimpse.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** A {@code file} store: one directory holding one file per image. */
public record FileStoreSettings(Path directory) implements StoreSettings {

    public FileStoreSettings {
        Objects.requireNonNull(directory, "directory");
    }

    @Override
    public StoreKind kind() {
        return StoreKind.FILE;
    }

    @Override
    public Map<String, Object> detailProperties() {
        return Map.of("data_dir", directory.toString());
    }
}
