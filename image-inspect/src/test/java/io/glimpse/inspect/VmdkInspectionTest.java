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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.Set;

import static io.glimpse.inspect.QcowInspectionTest.patch;
import static org.assertj.core.api.Assertions.assertThat;

class VmdkInspectionTest {

    private static final int MIB = 1024 * 1024;
    private static final int DESCRIPTOR_AT = 512;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"monolithicSparse", "streamOptimized"})
    void singleFileSparseVariantsAreDetectedSizedAndSafe(String subformat) throws IOException {
        Path image = sparseVmdkWithData(subformat);

        InspectionResult result = Feed.file(image);

        assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.VMDK));
        assertThat(result.virtualSize()).hasValue(2 * MIB);
        assertThat(result.virtualSize()).hasValue(QemuImg.virtualSize(image, "vmdk"));
        assertThat(result.safety().failures()).isEmpty();
        assertThat(FormatCheck.check("vmdk", result)).isEqualTo(new Accepted(OptionalLong.of(2 * MIB)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 511, 513, Feed.ODD_CHUNK})
    void descriptorParsingSurvivesAnyChunking(int chunkSize) throws IOException {
        Path image = sparseVmdkWithData("streamOptimized");

        InspectionResult result = Feed.file(image, chunkSize);

        assertThat(result.format()).contains(ImageFormat.VMDK);
        assertThat(result.isSafe()).isTrue();
    }

    @Test
    void createTypesCanBeRestricted() throws IOException {
        Path image = sparseVmdkWithData("monolithicSparse");
        InspectionOptions onlyStreamOptimized = new InspectionOptions(Set.of("streamOptimized"));

        InspectionResult result = Feed.file(image, Feed.ODD_CHUNK, onlyStreamOptimized);

        assertThat(result.format()).contains(ImageFormat.VMDK);
        assertThat(result.safety().failures())
                .containsExactly(new SafetyFailure("descriptor", "Unsupported subformat: monolithicsparse"));
    }

    @Test
    void descriptorOnlyVmdkWithAFlatExtentOnEtcPasswdIsRejected() throws IOException {
        Path image = dir.resolve("passwd.vmdk");
        Files.writeString(image, """
        # Disk DescriptorFile
        version=1
        CID=fffffffe
        parentCID=ffffffff
        createType="monolithicFlat"

        # Extent description
        RW 2048 FLAT "/etc/passwd" 0

        # The Disk Data Base
        #DDB
        ddb.virtualHWVersion = "4"
        """);

        InspectionResult result = Feed.file(image);

        assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.VMDK));
        assertThat(result.safety().failures())
                .extracting(SafetyFailure::reason)
                .contains(
                        "Descriptor-only VMDK: its data lives in separate extent files",
                        "Unsupported subformat: monolithicflat",
                        "Invalid extent filenames found");
        for (String declared : new String[] {"vmdk", "raw"}) {
            FormatVerdict verdict = FormatCheck.check(declared, result);
            assertThat(verdict).isInstanceOf(Rejected.class);
            assertThat(((Rejected) verdict).reason()).isEqualTo(Reason.UNSAFE_CONTENT);
        }
    }

    @Test
    void descriptorOnlyVmdkIsRejectedEvenWhenItPassesOslosLineChecks() throws IOException {
        // Allowed createType, no '/' in the extent: oslo lets this through, yet qemu would open
        // "passwd" next to the image.
        Path image = dir.resolve("sneaky.vmdk");
        Files.writeString(image, """
        version=1
        createType="monolithicSparse"
        RW 2048 FLAT "passwd" 0
        """);

        InspectionResult result = Feed.file(image);

        assertThat(result.format()).contains(ImageFormat.VMDK);
        assertThat(result.safety().failures())
                .containsExactly(new SafetyFailure(
                        "descriptor", "Descriptor-only VMDK: its data lives in separate extent files"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 511, Feed.ODD_CHUNK})
    void longDescriptorOnlyVmdkIsParsedAsItStreams(int chunkSize) throws IOException {
        // Comments push the interesting lines well past the first sector and across chunk edges.
        Path image = dir.resolve("long.vmdk");
        Files.writeString(image, "# padding line\n".repeat(300) + """
        createType="monolithicFlat"
        RW 2048 FLAT "/etc/shadow" 0
        """);

        InspectionResult result = Feed.file(image, chunkSize);

        assertThat(result.format()).contains(ImageFormat.VMDK);
        assertThat(result.safety().failures())
                .extracting(SafetyFailure::reason)
                .contains("Unsupported subformat: monolithicflat", "Invalid extent filenames found");
    }

    @Test
    void createTypeInAnOverlongLineIsStillSeen() throws IOException {
        // Too long to buffer as a line, but the marker is counted on the raw stream regardless.
        Path image = dir.resolve("overlong.vmdk");
        Files.writeString(
                image,
                "version=1\n" + " ".repeat(10_000) + "createType=\"monolithicFlat\"\nRW 2048 FLAT \"/etc/passwd\" 0\n");

        InspectionResult result = Feed.file(image);

        assertThat(result.format()).contains(ImageFormat.VMDK);
        assertThat(result.safety().failures())
                .extracting(SafetyFailure::reason)
                .contains("Invalid VMDK descriptor data: a line is longer than 4096 bytes");
    }

    @Test
    void qemuMonolithicFlatDescriptorIsRejected() {
        Path image = QemuImg.create(dir.resolve("flat.vmdk"), "vmdk", MIB, "-o", "subformat=monolithicFlat");

        InspectionResult result = Feed.file(image);

        assertThat(result.format()).contains(ImageFormat.VMDK);
        assertThat(result.safety().failures())
                .extracting(SafetyFailure::reason)
                .contains("Unsupported subformat: monolithicflat");
    }

    @Test
    void plainTextIsNotADescriptor() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "just some text\nversion=1\n".repeat(100));

        assertThat(Feed.file(text).format()).contains(ImageFormat.RAW);
    }

    @Test
    void embeddedDescriptorWithAFlatExtentIsUnsafe() throws IOException {
        Path image = QemuImg.create(dir.resolve("ms.vmdk"), "vmdk", MIB);
        writeEmbeddedDescriptor(image, """
        version=1
        createType="monolithicSparse"
        RW 2048 FLAT "passwd" 0
        """);

        InspectionResult result = Feed.file(image);

        assertThat(result.safety().failures())
                .containsExactly(new SafetyFailure(
                        "descriptor", "Extent type flat does not belong in a single-file sparse image"));
    }

    @Test
    void parentFileNameHintIsABackingFile() throws IOException {
        Path image = QemuImg.create(dir.resolve("delta.vmdk"), "vmdk", MIB);
        writeEmbeddedDescriptor(image, """
        version=1
        CID=12345678
        parentCID=87654321
        createType="monolithicSparse"
        parentFileNameHint="/var/lib/images/base.vmdk"
        RW 2048 SPARSE "delta.vmdk"
        """);

        InspectionResult result = Feed.file(image);

        assertThat(result.safety().failed("parent")).isTrue();
    }

    @Test
    void secondCreateTypeIsUnsafe() throws IOException {
        // qemu reads the first createType in the text (here the comment), oslo the first quoted one.
        Path image = QemuImg.create(dir.resolve("twice.vmdk"), "vmdk", MIB);
        writeEmbeddedDescriptor(image, """
        # createType="monolithicSparse"
        createType="vmfs"
        RW 2048 SPARSE "twice.vmdk"
        """);

        InspectionResult result = Feed.file(image);

        assertThat(result.safety().failures())
                .extracting(SafetyFailure::reason)
                .contains("createType appears more than once", "Unsupported subformat: vmfs");
    }

    @Test
    void unknownDescriptorLineIsUnsafe() throws IOException {
        Path image = QemuImg.create(dir.resolve("odd.vmdk"), "vmdk", MIB);
        writeEmbeddedDescriptor(image, """
        createType="monolithicSparse"
        RW 2048 SPARSE "odd.vmdk"
        wronly 2048 SPARSE "other.vmdk"
        """);

        assertThat(Feed.file(image).safety().failures())
                .containsExactly(new SafetyFailure(
                        "descriptor",
                        "Invalid VMDK descriptor data: unsupported line 'wronly 2048 sparse \"other.vmdk\"'"));
    }

    @Test
    void wrongDescriptorLocationIsUnsafe() throws IOException {
        Path image = QemuImg.create(dir.resolve("moved.vmdk"), "vmdk", MIB);
        patch(image, 28, le64(2));

        InspectionResult result = Feed.file(image);

        assertThat(result.format()).contains(ImageFormat.VMDK);
        assertThat(result.safety().failures())
                .containsExactly(new SafetyFailure("descriptor", "Wrong descriptor location"));
    }

    @Test
    void zeroCapacityHeaderIsUnsafe() throws IOException {
        Path image = QemuImg.create(dir.resolve("empty.vmdk"), "vmdk", MIB);
        patch(image, 12, le64(0));

        assertThat(Feed.file(image).safety().failed("header")).isTrue();
    }

    @Test
    void footerAnnouncedByTheHeaderMustBeValid() throws IOException {
        Path image = sparseVmdkWithData("streamOptimized");
        byte[] header = new byte[512];
        System.arraycopy(Files.readAllBytes(image), 0, header, 0, 512);
        patch(image, 56, le64(-1)); // grain directory "at end": the footer takes precedence
        Files.write(image, new byte[3 * 512], StandardOpenOption.APPEND);

        InspectionResult zeroed = Feed.file(image);

        assertThat(zeroed.safety().failures())
                .containsExactly(new SafetyFailure("footer", "Header and footer signature do not match"));

        long size = Files.size(image);
        patch(image, size - 3 * 512 + 12, (byte) 3); // footer marker
        patch(image, size - 2 * 512, header); // footer = header with a real grain directory offset
        InspectionResult valid = Feed.file(image);

        assertThat(valid.format()).contains(ImageFormat.VMDK);
        assertThat(valid.safety().failures()).isEmpty();
        assertThat(valid.virtualSize()).hasValue(2 * MIB);
    }

    @Test
    void binaryContentIsRuledOutWithoutBuffering() {
        ImageInspector inspector = new ImageInspector();
        inspector.update(new byte[] {0, 1, 2, 3, 4, 5, 6, 7}, 0, 8);

        // Only the small headers of formats still possible are held, no VMDK line buffer or tail.
        assertThat(inspector.retainedBytes()).isLessThan(16 * 1024);
    }

    private Path sparseVmdkWithData(String subformat) throws IOException {
        Path raw = dir.resolve("data-" + subformat + ".raw");
        Files.write(raw, TestImages.random(2 * MIB, 11));
        return QemuImg.convert(raw, "raw", dir.resolve(subformat + ".vmdk"), "vmdk", "-o", "subformat=" + subformat);
    }

    /** Replaces the descriptor embedded at 0x200, NUL-padded as qemu writes it. */
    private static void writeEmbeddedDescriptor(Path image, String text) throws IOException {
        byte[] descriptor = new byte[10 * 1024];
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, descriptor, 0, ascii.length);
        patch(image, DESCRIPTOR_AT, descriptor);
    }

    private static byte[] le64(long value) {
        return ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(value)
                .array();
    }
}
