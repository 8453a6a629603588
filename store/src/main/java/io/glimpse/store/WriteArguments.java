package io.glimpse.store;

import java.io.InputStream;
import java.util.Objects;

/** Checks shared by every {@link ImageStore#write} before a single byte is read. */
final class WriteArguments {

    private WriteArguments() {}

    static void check(
            String imageId, InputStream data, long expectedSize, DigestSpec digests, long sizeCap, ByteSink observer) {
        ImageIds.requireSafe(imageId);
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(digests, "digests");
        Objects.requireNonNull(observer, "observer");
        if (sizeCap < 0) {
            throw new IllegalArgumentException("sizeCap must be >= 0: " + sizeCap);
        }
        if (expectedSize < -1) {
            throw new IllegalArgumentException("expectedSize must be >= 0, or -1 for unknown");
        }
        // Refuse an announced size over the cap up front instead of storing it to find out.
        if (expectedSize > sizeCap) {
            throw new ImageTooLargeException(sizeCap);
        }
    }
}
