package io.glimpse.store;

/**
 * Data is already stored for this image id. Like glance_store's {@code Duplicate}, a store never
 * overwrites image data: that would let one upload silently replace an active image's bytes.
 * Maps to 409.
 */
public final class ImageDataExistsException extends StoreException {
    private static final long serialVersionUID = 1L;

    public ImageDataExistsException(String location) {
        super("Image data already exists at " + location);
    }
}
