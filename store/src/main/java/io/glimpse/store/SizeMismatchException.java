package io.glimpse.store;

/**
 * The number of bytes received differs from the size the client announced. Maps to 400.
 * {@code receivedAtLeast} is exact when the stream ended early, and a lower bound when it ran
 * past the announced size (the rest is never read).
 */
public final class SizeMismatchException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final long expectedSize;
    private final long receivedAtLeast;

    public SizeMismatchException(long expectedSize, long receivedAtLeast) {
        super("Expected " + expectedSize + " bytes of image data but received "
                + (receivedAtLeast > expectedSize ? "more" : String.valueOf(receivedAtLeast)));
        this.expectedSize = expectedSize;
        this.receivedAtLeast = receivedAtLeast;
    }

    public long expectedSize() {
        return expectedSize;
    }

    public long receivedAtLeast() {
        return receivedAtLeast;
    }
}
