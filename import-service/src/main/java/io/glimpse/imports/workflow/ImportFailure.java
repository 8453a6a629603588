package io.glimpse.imports.workflow;

/** An import cannot succeed, for a reason the task records in words (its message and the failure event). */
final class ImportFailure extends RuntimeException {
    ImportFailure(String reason) {
        super(reason);
    }

    ImportFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
