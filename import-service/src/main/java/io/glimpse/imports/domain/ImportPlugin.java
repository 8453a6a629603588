package io.glimpse.imports.domain;

import java.util.List;
import java.util.Optional;

/** The import plugins, by the names Glance gives them in {@code image_import_plugins}. */
public enum ImportPlugin {
    IMAGE_DECOMPRESSION("image_decompression"),
    IMAGE_CONVERSION("image_conversion"),
    INJECT_IMAGE_METADATA("inject_image_metadata");

    private final String glanceName;

    ImportPlugin(String glanceName) {
        this.glanceName = glanceName;
    }

    public String glanceName() {
        return glanceName;
    }

    public static Optional<ImportPlugin> named(String name) {
        for (ImportPlugin plugin : values()) {
            if (plugin.glanceName.equals(name.strip())) {
                return Optional.of(plugin);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code configured} (glimpse.import.plugins) enables this plugin. */
    public boolean enabledIn(Optional<List<String>> configured) {
        return configured.orElse(List.of()).stream().anyMatch(name -> glanceName.equals(name.strip()));
    }
}
