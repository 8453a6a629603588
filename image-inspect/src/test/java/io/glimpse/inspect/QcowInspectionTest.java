package io.glimpse.inspect;

import io.glimpse.inspect.Detection.Identified;
import io.glimpse.inspect.FormatVerdict.Accepted;
import io.glimpse.inspect.FormatVerdict.Reason;
import io.glimpse.inspect.FormatVerdict.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class QcowInspectionTest {

    private static final long ONE_GIB_AND_A_SECTOR = 1024L * 1024 * 1024 + 512;

    @TempDir
    Path dir;

    @Test
    void detectsQcow2AndReadsTheVirtualSizeFromTheHeader() {
        Path image = QemuImg.create(dir.resolve("disk.qcow2"), "qcow2", ONE_GIB_AND_A_SECTOR);

        InspectionResult result = Feed.file(image);

        assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.QCOW2));
        assertThat(result.virtualSize()).hasValue(ONE_GIB_AND_A_SECTOR);
        assertThat(result.virtualSize()).hasValue(QemuImg.virtualSize(image, "qcow2"));
        assertThat(result.isSafe()).isTrue();
        assertThat(FormatCheck.check("qcow2", result)).isEqualTo(new Accepted(OptionalLong.of(ONE_GIB_AND_A_SECTOR)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 512, Feed.ODD_CHUNK, 65536, 1 << 20})
    void chunkSizeDoesNotChangeTheResult(int chunkSize) throws IOException {
        Path raw = dir.resolve("data.raw");
        Files.write(raw, TestImages.random(3 * 1024 * 1024 + 512, 7));
        Path image = QemuImg.convert(raw, "raw", dir.resolve("data.qcow2"), "qcow2");

        InspectionResult result = Feed.file(image, chunkSize);

        assertThat(result.format()).contains(ImageFormat.QCOW2);
        assertThat(result.virtualSize()).hasValue(3 * 1024 * 1024 + 512);
        assertThat(result.bytesInspected()).isEqualTo(Files.size(image));
        assertThat(result.isSafe()).isTrue();
    }

    @Test
    void backingFileIsUnsafe() throws IOException {
        Path base = dir.resolve("base.raw");
        Files.write(base, new byte[1024 * 1024]);
        Path image =
                QemuImg.create(dir.resolve("child.qcow2"), "qcow2", 1024 * 1024, "-b", base.toString(), "-F", "raw");

        InspectionResult result = Feed.file(image);

        assertThat(result.format()).contains(ImageFormat.QCOW2);
        assertThat(result.safety().failures())
                .containsExactly(new SafetyFailure("backing_file", "Image has a backing file"));
        FormatVerdict verdict = FormatCheck.check("qcow2", result);
        assertThat(verdict).isInstanceOf(Rejected.class);
        assertThat(((Rejected) verdict).reason()).isEqualTo(Reason.UNSAFE_CONTENT);
        assertThat(((Rejected) verdict).message()).contains("backing file");
    }

    @Test
    void externalDataFileIsUnsafe() {
        Path data = dir.resolve("external.data");
        Path image = QemuImg.create(
                dir.resolve("with-data.qcow2"), "qcow2", 1024 * 1024, "-o", "data_file=" + data + ",data_file_raw=on");

        InspectionResult result = Feed.file(image);

        assertThat(result.format()).contains(ImageFormat.QCOW2);
        assertThat(result.safety().failures())
                .extracting(SafetyFailure::check)
                .containsExactlyInAnyOrder("data_file", "data_file_extension");
        assertThat(FormatCheck.check("qcow2", result).isAccepted()).isFalse();
    }

    @Test
    void unknownIncompatibleFeatureIsUnsafe() throws IOException {
        Path image = QemuImg.create(dir.resolve("future.qcow2"), "qcow2", 1024 * 1024);
        patch(image, 0x48, (byte) 0x01); // highest-order incompatible feature bit

        InspectionResult result = Feed.file(image);

        assertThat(result.safety().failures())
                .containsExactly(new SafetyFailure("unknown_features", "Unknown QCOW2 features found"));
    }

    @Test
    void extendedL2IsUnknownToOsloSoUnsafe() {
        Path image = QemuImg.create(dir.resolve("l2.qcow2"), "qcow2", 1024 * 1024, "-o", "extended_l2=on");

        assertThat(Feed.file(image).safety().failed("unknown_features")).isTrue();
    }

    @Test
    void version2HasNoFeatureBitsAndIsSafe() {
        Path image = QemuImg.create(dir.resolve("v2.qcow2"), "qcow2", 5 * 1024 * 1024, "-o", "compat=0.10");

        InspectionResult result = Feed.file(image);

        assertThat(result.format()).contains(ImageFormat.QCOW2);
        assertThat(result.virtualSize()).hasValue(5 * 1024 * 1024);
        assertThat(result.isSafe()).isTrue();
    }

    @Test
    void obsoleteQcowVersion1IsUnsafe() {
        Path image = QemuImg.create(dir.resolve("v1.qcow"), "qcow", 1024 * 1024);

        InspectionResult result = Feed.file(image);

        assertThat(result.format()).contains(ImageFormat.QCOW2);
        assertThat(result.safety().failures())
                .containsExactly(new SafetyFailure("version", "Unsupported qcow2 version 1"));
    }

    @Test
    void truncatedHeaderIsDetectedButUnsafe() throws IOException {
        Path image = QemuImg.create(dir.resolve("cut.qcow2"), "qcow2", 1024 * 1024);
        byte[] head = Arrays.copyOf(Files.readAllBytes(image), 100);

        InspectionResult result = Feed.bytes(head);

        assertThat(result.format()).contains(ImageFormat.QCOW2);
        assertThat(result.safety().failed("header")).isTrue();
    }

    @Test
    void qcow2DeclaredAsRawIsAMismatch() {
        Path image = QemuImg.create(dir.resolve("disk.qcow2"), "qcow2", 1024 * 1024);

        FormatVerdict verdict = FormatCheck.check("raw", Feed.file(image));

        assertThat(verdict)
                .isEqualTo(new Rejected(Reason.FORMAT_MISMATCH, "Image content is qcow2 but disk_format is raw"));
    }

    static void patch(Path file, long offset, byte... bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(bytes);
        }
    }
}
