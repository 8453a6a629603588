package io.glimpse.imports.workflow;

import java.util.List;

/**
 * An import cannot succeed, for a reason the task records in words (its message and the failure event). A failure
 * before any store was written (the data could not be had) names every target as failed, as Glance's download revert
 * does; a store's own failure was reported by that store already.
 */
final class ImportFailure extends RuntimeException {
    private final boolean everyTargetFailed;

    ImportFailure(String reason) {
        this(reason, null, false);
    }

    ImportFailure(String reason, Throwable cause) {
        this(reason, cause, false);
    }

    private ImportFailure(String reason, Throwable cause, boolean everyTargetFailed) {
        super(reason, cause);
        this.everyTargetFailed = everyTargetFailed;
    }

    /** The data to import could not be had: no target store can receive it. */
    static ImportFailure noData(String reason) {
        return new ImportFailure(reason, null, true);
    }

    /** The stores this failure adds to {@code os_glance_failed_import}. */
    List<String> failedStores(List<String> targets) {
        return everyTargetFailed ? targets : List.of();
    }
}
