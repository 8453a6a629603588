package io.glimpse.store;

import java.util.regex.Pattern;

/**
 * Image ids become file names and object keys, so only plain names are accepted: Glance ids are
 * UUIDs, and this rules out path traversal and collisions with the file store's hidden temp
 * files (which start with a dot).
 */
final class ImageIds {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    private ImageIds() {}

    static boolean isSafe(String imageId) {
        return SAFE_ID.matcher(imageId).matches();
    }

    static String requireSafe(String imageId) {
        if (imageId == null || !isSafe(imageId)) {
            throw new IllegalArgumentException("Not a usable image id: " + imageId);
        }
        return imageId;
    }
}
