package io.glimpse.store;

import java.io.IOException;

/**
 * Reading the incoming image data failed (the client went away, the upstream connection broke).
 * Kept apart from {@link StoreUnavailableException} because the store itself is healthy.
 */
public final class SourceStreamException extends StoreException {
    private static final long serialVersionUID = 1L;

    public SourceStreamException(IOException cause) {
        super("Reading the image data failed: " + cause.getMessage(), cause);
    }
}
