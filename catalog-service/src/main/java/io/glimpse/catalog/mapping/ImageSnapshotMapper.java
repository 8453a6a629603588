package io.glimpse.catalog.mapping;

import io.glimpse.catalog.domain.Image;
import io.glimpse.contracts.event.ImageSnapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;

/** Image entity → the image as events carry it (contracts). */
public final class ImageSnapshotMapper {
    private ImageSnapshotMapper() {}

    public static ImageSnapshot toSnapshot(Image image) {
        return new ImageSnapshot(
                image.id,
                image.name,
                image.status,
                image.visibility,
                image.isProtected,
                image.osHidden,
                image.owner,
                image.checksum,
                image.osHashAlgo,
                image.osHashValue,
                image.size,
                image.virtualSize,
                image.diskFormat,
                image.containerFormat,
                image.minDisk,
                image.minRam,
                List.copyOf(image.tags),
                // Not Map.copyOf: a property may be null where its schema type allows it ({"kernel_id": null}).
                Collections.unmodifiableMap(new LinkedHashMap<>(image.properties)),
                image.createdAt.toInstant(),
                image.updatedAt.toInstant());
    }
}
