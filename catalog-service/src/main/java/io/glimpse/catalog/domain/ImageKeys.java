package io.glimpse.catalog.domain;

import io.glimpse.contracts.internal.ImportKeys;

import java.util.Set;

/** Which top-level keys of an image are base, read-only or reserved (glance-v2-api.md §2.2, §2.3). */
public final class ImageKeys {
    /** Base keys a caller may write (at create; in PATCH all but {@code id}). */
    public static final Set<String> WRITABLE_BASE = Set.of(
            "id",
            "name",
            "visibility",
            "protected",
            "os_hidden",
            "tags",
            "disk_format",
            "container_format",
            "min_disk",
            "min_ram",
            "owner");
    /** Read-only at create. */
    public static final Set<String> READ_ONLY_AT_CREATE = Set.of(
            "direct_url",
            "self",
            "file",
            "schema",
            "stores",
            "status",
            "checksum",
            "os_hash_algo",
            "os_hash_value",
            "size",
            "virtual_size",
            "created_at",
            "updated_at");
    /** Read-only as a PATCH path root; {@code stores} included although upstream only blocks it at create. */
    public static final Set<String> READ_ONLY_IN_PATCH = Set.of(
            "created_at",
            "updated_at",
            "status",
            "checksum",
            "size",
            "virtual_size",
            "direct_url",
            "self",
            "file",
            "schema",
            "id",
            "os_hash_algo",
            "os_hash_value",
            "stores");

    private static final Set<String> RESERVED = Set.of("location", "locations", "deleted", "deleted_at");
    /** The prefix of keys only Glimpse itself writes (import progress and the like). */
    public static final String INTERNAL_PREFIX = "os_glance";
    /** The host hashing a location's data (§7.3) until the hash settles; never shown. */
    public static final String HASH_OP_HOST = "os_glance_hash_op_host";
    /** {@code algo:hex} a location's data must hash to, until the hash settles; never shown. */
    public static final String HASH_OP_EXPECTED = "os_glance_hash_op_expected";
    /**
     * Glance's host holding staged data; in Glimpse (staging is shared) the token of the staging attempt in progress
     * or finished, which only that attempt's end may settle. Never shown.
     */
    public static final String STAGE_HOST = "os_glance_stage_host";
    /** The import lock (§8.2); shown. */
    public static final String IMPORT_TASK = ImportKeys.IMPORT_TASK;
    /** The target stores an import has not finished yet; shown (tempest waits for it to empty). */
    public static final String IMPORTING_TO_STORES = ImportKeys.IMPORTING_TO_STORES;
    /** The target stores an import failed to write; shown. */
    public static final String FAILED_IMPORT = ImportKeys.FAILED_IMPORT;
    /**
     * The highest attempt number of the lock-holding task that has spoken: commands of older attempts (a worker
     * presumed dead that is not) are refused. Never shown.
     */
    public static final String IMPORT_FENCE = "os_glance_import_fence";
    /**
     * The prefix of read-only metadata the upload records ({@link #DETECTED_FORMAT}, {@link #FORMAT_SAFETY}):
     * visible like any property, but reserved at create and in PATCH so nobody can forge an inspection verdict.
     */
    public static final String GLIMPSE_PREFIX = "glimpse_";
    /** The disk format image-inspect detected in the uploaded data (e.g. {@code qcow2}). */
    public static final String DETECTED_FORMAT = ImportKeys.DETECTED_FORMAT;
    /** {@code safe}, or the failed safety checks of the detected format. */
    public static final String FORMAT_SAFETY = ImportKeys.FORMAT_SAFETY;

    private ImageKeys() {}

    public static boolean isReserved(String key) {
        return RESERVED.contains(key) || key.startsWith(INTERNAL_PREFIX) || key.startsWith(GLIMPSE_PREFIX);
    }

    /** Every key that is a base property of the image, i.e. never an additional one. */
    public static boolean isBase(String key) {
        return WRITABLE_BASE.contains(key) || READ_ONLY_AT_CREATE.contains(key) || READ_ONLY_IN_PATCH.contains(key);
    }

    /** Whether an additional property counts against the property quota. */
    public static boolean countsForQuota(String key) {
        return !key.startsWith(INTERNAL_PREFIX) && !key.startsWith(GLIMPSE_PREFIX);
    }
}
