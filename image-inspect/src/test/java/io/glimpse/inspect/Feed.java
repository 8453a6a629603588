package io.glimpse.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds images to a fresh inspector in fixed-size chunks, checking after every chunk that the
 * inspector's buffers stay within {@link ImageInspector#RETAINED_BYTES_LIMIT}.
 */
final class Feed {

    /** A prime, so chunk boundaries fall everywhere but on sector or header boundaries. */
    static final int ODD_CHUNK = 4093;

    private Feed() {}

    static InspectionResult file(Path file) {
        return file(file, ODD_CHUNK, InspectionOptions.defaults());
    }

    static InspectionResult file(Path file, int chunkSize) {
        return file(file, chunkSize, InspectionOptions.defaults());
    }

    static InspectionResult file(Path file, int chunkSize, InspectionOptions options) {
        ImageInspector inspector = new ImageInspector(options);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[chunkSize];
            for (int n; (n = in.readNBytes(chunk, 0, chunkSize)) > 0; ) {
                updateWithinBound(inspector, chunk, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inspector.finish();
    }

    static InspectionResult bytes(byte[] data) {
        return bytes(data, ODD_CHUNK);
    }

    static InspectionResult bytes(byte[] data, int chunkSize) {
        ImageInspector inspector = new ImageInspector();
        for (int at = 0; at < data.length; at += chunkSize) {
            int n = Math.min(chunkSize, data.length - at);
            byte[] chunk = new byte[n];
            System.arraycopy(data, at, chunk, 0, n);
            updateWithinBound(inspector, chunk, n);
        }
        return inspector.finish();
    }

    static void updateWithinBound(ImageInspector inspector, byte[] chunk, int length) {
        inspector.update(chunk, 0, length);
        assertThat(inspector.retainedBytes())
                .as("retained bytes after %d bytes", inspector.bytesSeen())
                .isLessThanOrEqualTo(ImageInspector.RETAINED_BYTES_LIMIT);
    }
}
