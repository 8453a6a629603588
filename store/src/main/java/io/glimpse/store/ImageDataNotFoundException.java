package io.glimpse.store;

/**
 * The location is valid for this store but no data is there. A download maps it to 204
 * (Glance: "store object missing").
 */
public final class ImageDataNotFoundException extends StoreException {
    private static final long serialVersionUID = 1L;

    public ImageDataNotFoundException(String location) {
        super("No image data at " + location);
    }
}
