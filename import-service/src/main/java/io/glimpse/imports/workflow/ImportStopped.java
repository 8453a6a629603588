package io.glimpse.imports.workflow;

/** Thrown into the bytes being moved when an import must stop: its image was deleted, or its lease was lost. */
final class ImportStopped extends RuntimeException {
    ImportStopped(String why) {
        super(why, null, false, false);
    }
}
