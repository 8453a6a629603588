package io.glimpse.imports.workflow;

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

    ImageChanges withProperties(Map<String, String> injected) {
        return new ImageChanges(diskFormat, containerFormat, injected);
    }
}
