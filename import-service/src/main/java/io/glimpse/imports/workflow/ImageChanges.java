package io.glimpse.imports.workflow;

import io.glimpse.contracts.event.ImageSnapshot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the import plugins change on the image besides its data: the formats after a conversion, the properties an
 * operator injects. Catalog applies them with the first store written.
 *
 * @param diskFormat the new disk_format, or null to keep the image's
 * @param containerFormat the new container_format, or null to keep the image's
 * @param properties properties to set (never {@code os_glance*})
 */
record ImageChanges(String diskFormat, String containerFormat, Map<String, String> properties) {
    static final ImageChanges NONE = new ImageChanges(null, null, Map.of());

    ImageChanges {
        properties = Map.copyOf(properties);
    }

    ImageChanges withFormats(String disk, String container) {
        return new ImageChanges(disk, container, properties);
    }

    /** These changes with {@code more} properties set over them. */
    ImageChanges withProperties(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(properties);
        merged.putAll(more);
        return new ImageChanges(diskFormat, containerFormat, merged);
    }

    /** The image as the import sees it once these changes apply (for the format gate and the plugins). */
    ImageSnapshot applyTo(ImageSnapshot image) {
        if (this.equals(NONE)) {
            return image;
        }
        Map<String, String> merged = new LinkedHashMap<>(image.properties());
        merged.putAll(properties);
        return new ImageSnapshot(
                image.id(),
                image.name(),
                image.status(),
                image.visibility(),
                image.isProtected(),
                image.osHidden(),
                image.owner(),
                image.checksum(),
                image.osHashAlgo(),
                image.osHashValue(),
                image.size(),
                image.virtualSize(),
                diskFormat == null ? image.diskFormat() : diskFormat,
                containerFormat == null ? image.containerFormat() : containerFormat,
                image.minDisk(),
                image.minRam(),
                image.tags(),
                merged,
                image.createdAt(),
                image.updatedAt());
    }
}
