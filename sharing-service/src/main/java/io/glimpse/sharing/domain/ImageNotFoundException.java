package io.glimpse.sharing.domain;

import io.glimpse.support.error.GlimpseException;

/** No live image with this id, or one the caller may not see (never disclosed as 403). */
public class ImageNotFoundException extends GlimpseException.NotFound {
    public ImageNotFoundException(String imageId) {
        super("No image found with ID " + imageId);
    }
}
