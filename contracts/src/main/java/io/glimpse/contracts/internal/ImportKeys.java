package io.glimpse.contracts.internal;

import java.util.Arrays;
import java.util.List;

/**
 * The image properties through which an import shows its state (glance-v2-api.md §8.3): catalog writes them on
 * import-service's commands; clients (tempest's waiters among them) read them.
 */
public final class ImportKeys {
    /** The import lock: the id of the task importing the image. */
    public static final String IMPORT_TASK = "os_glance_import_task";
    /** The target stores an import has not finished yet, comma-separated. */
    public static final String IMPORTING_TO_STORES = "os_glance_importing_to_stores";
    /** The target stores an import failed to write, comma-separated. */
    public static final String FAILED_IMPORT = "os_glance_failed_import";

    /** The disk format image-inspect detected in the data (e.g. {@code qcow2}); read-only, like an upload's. */
    public static final String DETECTED_FORMAT = "glimpse_detected_format";
    /** {@code safe}, or the failed safety checks of the detected format; read-only. */
    public static final String FORMAT_SAFETY = "glimpse_format_safety";

    private ImportKeys() {}

    /** The stores of a comma-separated value; empty for null or blank. */
    public static List<String> stores(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
