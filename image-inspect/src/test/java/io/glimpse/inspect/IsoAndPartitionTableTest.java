package io.glimpse.inspect;

import io.glimpse.inspect.Detection.Ambiguous;
import io.glimpse.inspect.Detection.Identified;
import io.glimpse.inspect.FormatVerdict.Accepted;
import io.glimpse.inspect.FormatVerdict.Reason;
import io.glimpse.inspect.FormatVerdict.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** ISO images (built by hand: no ISO tool is assumed), partition tables, and their mixtures. */
class IsoAndPartitionTableTest {

    private static final int ISO_BLOCKS = 300;

    @TempDir
    Path dir;

    @Test
    void iso9660SizeComesFromThePrimaryVolumeDescriptor() {
        InspectionResult result = Feed.bytes(TestImages.iso9660(ISO_BLOCKS));

        assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.ISO));
        assertThat(result.virtualSize()).hasValue(ISO_BLOCKS * 2048L);
        assertThat(result.isSafe()).isTrue();
        assertThat(FormatCheck.check("iso", result)).isEqualTo(new Accepted(OptionalLong.of(ISO_BLOCKS * 2048L)));
    }

    @Test
    void udfIsAnIsoWithoutAReadableSize() {
        InspectionResult result = Feed.bytes(TestImages.udf(64));

        assertThat(result.format()).contains(ImageFormat.ISO);
        assertThat(result.virtualSize()).isEmpty();
        assertThat(result.isSafe()).isTrue();
    }

    @Test
    void hybridIsoWithAnMbrIsStillAnIso() {
        byte[] hybrid = TestImages.withMbrPartition(TestImages.iso9660(ISO_BLOCKS), 0x80, 0x17, 0);

        InspectionResult result = Feed.bytes(hybrid);

        assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.ISO));
        assertThat(result.virtualSize()).hasValue(ISO_BLOCKS * 2048L);
        assertThat(FormatCheck.check("iso", result).isAccepted()).isTrue();
    }

    @Test
    void qcow2HiddenBehindAnIsoHeaderIsAmbiguousAndRejected() throws IOException {
        // oslo's test_bad_iso_qcow2: the first 32 KiB of a qcow2, then an ISO from its descriptors on,
        // i.e. a qcow2 header in the ISO system area (qemu-img would call it qcow2).
        byte[] qcow2 = Files.readAllBytes(QemuImg.create(dir.resolve("q.qcow2"), "qcow2", 10 << 20));
        byte[] image = TestImages.iso9660(ISO_BLOCKS);
        System.arraycopy(qcow2, 0, image, 0, Math.min(qcow2.length, 32 * 1024));
        assertThat(new String(image, 32769, 5, StandardCharsets.US_ASCII)).isEqualTo("CD001");

        InspectionResult result = Feed.bytes(image);

        assertThat(result.detection()).isEqualTo(new Ambiguous(Set.of(ImageFormat.ISO, ImageFormat.QCOW2)));
        assertThat(result.format()).isEmpty();
        assertThat(result.virtualSize()).isEmpty();
        assertThat(result.safety().failures())
                .containsExactly(new SafetyFailure("multiple_formats", "Multiple formats detected: qcow2, iso"));
        for (String declared : new String[] {"iso", "qcow2", "raw"}) {
            assertThat(FormatCheck.check(declared, result))
                    .isInstanceOfSatisfying(
                            Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.AMBIGUOUS_CONTENT));
        }
    }

    @Test
    void gptDiskIsAcceptedAsGptOrRaw() {
        byte[] disk = TestImages.gptDisk(2048);

        InspectionResult result = Feed.bytes(disk);

        assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.GPT));
        assertThat(result.virtualSize()).hasValue(disk.length);
        assertThat(result.isSafe()).isTrue();
        Accepted withDiskSize = new Accepted(OptionalLong.of(disk.length));
        assertThat(FormatCheck.check("gpt", result)).isEqualTo(withDiskSize);
        assertThat(FormatCheck.check("raw", result)).isEqualTo(withDiskSize);
        assertThat(FormatCheck.check("qcow2", result).isAccepted()).isFalse();
    }

    @Test
    void legacyMbrDiskIsAPartitionTableToo() {
        byte[] disk = TestImages.withMbrPartition(new byte[1 << 20], 0x80, 0x83, 2048);

        InspectionResult result = Feed.bytes(disk);

        assertThat(result.format()).contains(ImageFormat.GPT);
        assertThat(result.isSafe()).isTrue();
    }

    @Test
    void mbrChecksFailButAreNonFatalByDefault() {
        byte[] disk = TestImages.withMbrPartition(new byte[1 << 20], 0x0A, 0x83, 2048);

        InspectionResult result = Feed.bytes(disk);

        assertThat(result.format()).contains(ImageFormat.GPT);
        assertThat(result.safety().failures())
                .containsExactly(new SafetyFailure("mbr", "MBR PTE 0 has invalid boot flag"));
        assertThat(FormatCheck.check("raw", result).isAccepted()).isTrue();
        assertThat(FormatCheck.check("raw", result, new FormatPolicy(true, false)))
                .isInstanceOfSatisfying(
                        Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.UNSAFE_CONTENT));
    }

    @Test
    void protectiveMbrWithAnExtraPartitionFailsTheMbrCheck() {
        byte[] disk = TestImages.gptDisk(2048);
        disk[446 + 16 + 4] = (byte) 0x83; // a second partition beside the protective one

        assertThat(Feed.bytes(disk).safety().failures())
                .containsExactly(new SafetyFailure("mbr", "GPT MBR defines invalid extra partitions"));
    }

    @Test
    void fatFilesystemIsNotAPartitionTable() {
        assertThat(Feed.bytes(TestImages.fatVolume(2048)).format()).contains(ImageFormat.RAW);
    }
}
