package io.glimpse.contracts.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Map;

/**
 * Body of {@code POST} {@link InternalApi#IMPORT_STORE}: attempt {@code fence} of the lock-holding task finished one
 * target store. Written: the location is added, the image's size and digests are set (or must match the ones it
 * has, 409 otherwise) with the formats and properties the import plugins gave it, the store leaves {@code os_glance_importing_to_stores}, and with {@code activate} an
 * {@code importing} image becomes {@code active} (an import whose stores need not all succeed is active after its first
 * store; one whose stores must all succeed only at its {@link ImportEnd}). Failed: the store moves to {@code os_glance_failed_import}. 204; 409 for a stale attempt; 404 when
 * the image is gone (the caller then deletes what it wrote). Applying the same result twice changes nothing.
 *
 * @param location where the data was written (written only)
 * @param virtualSize the virtual size the inspection found, or null
 * @param inspection read-only inspection properties to record ({@code glimpse_detected_format}, ...)
 * @param diskFormat the disk_format the import plugins gave the data (a conversion), or null to keep the image's
 * @param containerFormat the container_format that goes with it, or null to keep the image's
 * @param properties properties the import plugins set (inject_image_metadata; never {@code os_glance*}), or null
 * @param reason why the store failed (failed only)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImportStoreResult(
        ActingUser user,
        long fence,
        String storeId,
        boolean written,
        boolean activate,
        String location,
        long size,
        String checksum,
        String osHashAlgo,
        String osHashValue,
        Long virtualSize,
        Map<String, String> inspection,
        String diskFormat,
        String containerFormat,
        Map<String, String> properties,
        String reason) {}
