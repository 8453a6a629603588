package io.glimpse.inspect;

import io.glimpse.inspect.Detection.Identified;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamingAndMemoryTest {

    private static final int MIB = 1024 * 1024;
    private static final long SIXTY_FOUR_MIB = 64L * MIB;

    @TempDir
    Path dir;

    @Test
    void sixtyFourMibOfQcow2StayWithinTheRetainedBound() throws IOException {
        byte[] header = Files.readAllBytes(QemuImg.create(dir.resolve("h.qcow2"), "qcow2", 64L * MIB));
        ImageInspector inspector = new ImageInspector();
        long peak = streamWithTrailingNoise(inspector, header, SIXTY_FOUR_MIB);

        InspectionResult result = inspector.finish();

        assertThat(result.format()).contains(ImageFormat.QCOW2);
        assertThat(result.virtualSize()).hasValue(64L * MIB);
        assertThat(result.bytesInspected()).isEqualTo(SIXTY_FOUR_MIB);
        assertThat(peak).isLessThanOrEqualTo(ImageInspector.RETAINED_BYTES_LIMIT);
        assertThat(inspector.retainedBytes()).isZero();
    }

    @Test
    void sixtyFourMibOfRawStayWithinTheRetainedBound() {
        ImageInspector inspector = new ImageInspector();
        long peak = streamWithTrailingNoise(inspector, new byte[0], SIXTY_FOUR_MIB);

        InspectionResult result = inspector.finish();

        assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.RAW));
        assertThat(result.virtualSize()).hasValue(SIXTY_FOUR_MIB);
        assertThat(peak).isLessThanOrEqualTo(ImageInspector.RETAINED_BYTES_LIMIT);
    }

    @Test
    void worstCaseFormatsStayWithinTheBound() throws IOException {
        // VHDX holds a 64 KiB table; a footer-bearing VMDK holds a tail window to the very end.
        Path vhdx = QemuImg.create(dir.resolve("w.vhdx"), "vhdx", 64L * MIB);
        Feed.file(vhdx, 1 << 16); // Feed asserts the bound after every chunk

        byte[] vmdkHeader = Files.readAllBytes(QemuImg.create(dir.resolve("w.vmdk"), "vmdk", MIB));
        vmdkHeader[56] = vmdkHeader[57] = vmdkHeader[58] = vmdkHeader[59] = (byte) 0xff;
        vmdkHeader[60] = vmdkHeader[61] = vmdkHeader[62] = vmdkHeader[63] = (byte) 0xff;
        ImageInspector inspector = new ImageInspector();
        long peak = streamWithTrailingNoise(inspector, vmdkHeader, 8L * MIB);
        assertThat(peak).isLessThanOrEqualTo(ImageInspector.RETAINED_BYTES_LIMIT);
        assertThat(inspector.finish().safety().failed("footer")).isTrue();
    }

    @Test
    void emptyStreamIsRawOfSizeZero() {
        InspectionResult result = new ImageInspector().finish();

        assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.RAW));
        assertThat(result.virtualSize()).hasValue(0);
        assertThat(result.isSafe()).isTrue();
    }

    @Test
    void randomDataIsRaw() {
        byte[] data = TestImages.random(3 * MIB + 17, 1);

        InspectionResult result = Feed.bytes(data);

        assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.RAW));
        assertThat(result.virtualSize()).hasValue(data.length);
    }

    @Test
    void qemuRawImageIsRaw() {
        Path image = QemuImg.create(dir.resolve("disk.raw"), "raw", 5 * MIB);

        InspectionResult result = Feed.file(image);

        assertThat(result.format()).contains(ImageFormat.RAW);
        assertThat(result.virtualSize()).hasValue(QemuImg.virtualSize(image, "raw"));
    }

    @Test
    void inputStreamWrapperPassesEveryByteThroughAndInspectsThem() throws IOException {
        byte[] image = Files.readAllBytes(QemuImg.create(dir.resolve("s.qcow2"), "qcow2", 3 * MIB));
        InspectingInputStream in = new InspectingInputStream(new ByteArrayInputStream(image));

        byte[] copy = new byte[image.length];
        int at = 0;
        copy[at++] = (byte) in.read();
        assertThat(in.skip(100)).isEqualTo(100);
        System.arraycopy(image, 1, copy, 1, 100); // skipped bytes are not returned, but inspected
        at += 100;
        for (int n; (n = in.read(copy, at, Math.min(4093, copy.length - at))) > 0; ) {
            at += n;
        }

        assertThat(copy).isEqualTo(image);
        assertThat(in.result().format()).contains(ImageFormat.QCOW2);
        assertThat(in.result().virtualSize()).hasValue(3 * MIB);
        assertThat(in.result().bytesInspected()).isEqualTo(image.length);
    }

    @Test
    void outputStreamViewAndConvenienceMethodAgree() throws IOException {
        byte[] image = TestImages.iso9660(100);
        ImageInspector inspector = new ImageInspector();
        try (OutputStream out = inspector.asOutputStream()) {
            out.write(image[0]);
            out.write(image, 1, image.length - 1);
        }

        InspectionResult viaOutputStream = inspector.finish();
        InspectionResult viaInputStream = ImageInspector.inspect(new ByteArrayInputStream(image));

        assertThat(viaOutputStream).isEqualTo(viaInputStream);
        assertThat(viaOutputStream.format()).contains(ImageFormat.ISO);
    }

    @Test
    void finishIsFinal() {
        ImageInspector inspector = new ImageInspector();
        inspector.update(new byte[10], 0, 10);
        InspectionResult first = inspector.finish();

        assertThat(inspector.finish()).isSameAs(first);
        assertThatThrownBy(() -> inspector.update(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void updateHonoursOffsetAndLength() throws IOException {
        byte[] image = Files.readAllBytes(QemuImg.create(dir.resolve("o.qcow2"), "qcow2", MIB));
        byte[] padded = new byte[image.length + 20];
        System.arraycopy(image, 0, padded, 7, image.length);
        ImageInspector inspector = new ImageInspector();
        inspector.update(padded, 7, image.length);

        assertThat(inspector.finish().format()).contains(ImageFormat.QCOW2);
        assertThatThrownBy(() -> new ImageInspector().update(padded, 10, padded.length))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    /**
     * Streams {@code head} then pseudo-random bytes up to {@code total}, in 64 KiB chunks, without
     * ever holding the image; returns the largest retained size seen after any chunk.
     */
    private static long streamWithTrailingNoise(ImageInspector inspector, byte[] head, long total) {
        long peak = 0;
        InputStream source =
                new SequenceInputStream(new ByteArrayInputStream(head), new NoiseStream(total - head.length));
        byte[] chunk = new byte[64 * 1024 + 3];
        try {
            for (int n; (n = source.read(chunk)) > 0; ) {
                inspector.update(chunk, 0, n);
                peak = Math.max(peak, inspector.retainedBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return peak;
    }

    /** {@code length} pseudo-random bytes, generated on the fly. */
    private static final class NoiseStream extends InputStream {
        private final Random random = new Random(42);
        private long remaining;

        NoiseStream(long length) {
            this.remaining = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            byte[] noise = new byte[n];
            random.nextBytes(noise);
            System.arraycopy(noise, 0, b, off, n);
            remaining -= n;
            return n;
        }
    }
}
