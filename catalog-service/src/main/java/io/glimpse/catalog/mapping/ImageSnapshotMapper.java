package io.glimpse.catalog.mapping;

import io.glimpse.catalog.domain.Image;
import io.glimpse.contracts.event.ImageSnapshot;

import java.util.List;
import java.util.Map;

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
                Map.copyOf(image.properties),
                image.createdAt.toInstant(),
                image.updatedAt.toInstant());
    }
}
