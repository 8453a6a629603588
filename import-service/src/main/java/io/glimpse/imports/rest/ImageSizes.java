package io.glimpse.imports.rest;

import io.glimpse.support.error.GlimpseException;

/** The size a client announces for image data: {@code x-openstack-image-size}, else {@code Content-Length}. */
final class ImageSizes {
    private ImageSizes() {}

    /** @return the announced size, or -1 when unknown */
    static long expected(String announcedSize, String contentLength) {
        if (announcedSize != null) {
            return nonNegative(announcedSize, "x-openstack-image-size must be a non-negative integer: ");
        }
        return contentLength == null ? -1 : nonNegative(contentLength, "Content-Length must be an integer: ");
    }

    private static long nonNegative(String header, String complaint) {
        try {
            long value = Long.parseLong(header.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new GlimpseException.BadRequest(complaint + header);
        }
    }
}
