package io.glimpse.imports.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.contracts.event.ImageSnapshot;

import java.util.HashMap;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** These changes as a step's result (all strings), so a resumed attempt applies the same. */
    Map<String, String> toRecord() {
        Map<String, String> record = new HashMap<>();
        if (diskFormat != null) {
            record.put("disk_format", diskFormat);
        }
        if (containerFormat != null) {
            record.put("container_format", containerFormat);
        }
        if (!properties.isEmpty()) {
            try {
                record.put("properties", JSON.writeValueAsString(properties));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return record;
    }

    static ImageChanges fromRecord(Map<String, String> recorded) {
        Map<String, String> properties;
        try {
            properties = recorded.containsKey("properties")
                    ? JSON.readValue(recorded.get("properties"), new TypeReference<Map<String, String>>() {})
                    : Map.of();
        } catch (JsonProcessingException e) {
            throw new ImportFailure("The recorded changes of the image cannot be read: " + e.getMessage(), e);
        }
        return new ImageChanges(recorded.get("disk_format"), recorded.get("container_format"), properties);
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
