package io.glimpse.store;

/** The data is larger than the size cap allowed for this write. Maps to 413. */
public final class ImageTooLargeException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final long sizeCap;

    public ImageTooLargeException(long sizeCap) {
        super("Image exceeds the size cap of " + sizeCap + " bytes");
        this.sizeCap = sizeCap;
    }

    public long sizeCap() {
        return sizeCap;
    }
}
