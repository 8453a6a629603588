package io.glimpse.inspect;

import io.glimpse.inspect.Detection.Identified;
import io.glimpse.inspect.FormatVerdict.Accepted;
import io.glimpse.inspect.FormatVerdict.Reason;
import io.glimpse.inspect.FormatVerdict.Rejected;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** VHD, VHDX, VDI, QED and LUKS images made by qemu-img. */
class VirtualDiskFormatsTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void vhdIsReadFromTheFooterCopyAtTheStart() {
        Path image = QemuImg.create(dir.resolve("disk.vhd"), "vpc", 10 * MIB);

        InspectionResult result = Feed.file(image);

        assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.VHD));
        // qemu rounds a VHD up to its CHS geometry: 10 MiB becomes 10514432 bytes.
        assertThat(result.virtualSize()).hasValue(10_514_432L);
        assertThat(result.virtualSize()).hasValue(QemuImg.virtualSize(image, "vpc"));
        assertThat(result.isSafe()).isTrue();
        assertThat(FormatCheck.check("vhd", result)).isEqualTo(new Accepted(OptionalLong.of(10_514_432L)));
    }

    @ParameterizedTest
    @ValueSource(ints = {17, Feed.ODD_CHUNK, 1 << 20})
    void vhdxIsFollowedThroughItsRegionAndMetadataTables(int chunkSize) throws IOException {
        Path raw = dir.resolve("data.raw");
        Files.write(raw, TestImages.random(3 * MIB, 3));
        Path image = QemuImg.convert(raw, "raw", dir.resolve("disk.vhdx"), "vhdx");

        InspectionResult result = Feed.file(image, chunkSize);

        assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.VHDX));
        assertThat(result.virtualSize()).hasValue(3 * MIB);
        assertThat(result.virtualSize()).hasValue(QemuImg.virtualSize(image, "vhdx"));
        assertThat(result.isSafe()).isTrue();
    }

    @Test
    void emptyVhdxOfAnOddSize() {
        long size = 7L * 1024 * MIB + 3 * MIB;
        Path image = QemuImg.create(dir.resolve("big.vhdx"), "vhdx", size);

        InspectionResult result = Feed.file(image);

        assertThat(result.format()).contains(ImageFormat.VHDX);
        assertThat(result.virtualSize()).hasValue(size);
    }

    @Test
    void truncatedVhdxIsUnsafe() throws IOException {
        Path image = QemuImg.create(dir.resolve("cut.vhdx"), "vhdx", 10 * MIB);
        byte[] head = new byte[100 * 1024];
        System.arraycopy(Files.readAllBytes(image), 0, head, 0, head.length);

        InspectionResult result = Feed.bytes(head);

        assertThat(result.format()).contains(ImageFormat.VHDX);
        assertThat(result.safety().failures())
                .containsExactly(
                        new SafetyFailure("header", "Truncated VHDX: the stream ended before the region table"));
    }

    @Test
    void vdi() {
        Path image = QemuImg.create(dir.resolve("disk.vdi"), "vdi", 10 * MIB + 512);

        InspectionResult result = Feed.file(image);

        assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.VDI));
        assertThat(result.virtualSize()).hasValue(QemuImg.virtualSize(image, "vdi"));
        assertThat(result.isSafe()).isTrue();
    }

    @Test
    void vdiWithData() throws IOException {
        Path raw = dir.resolve("data.raw");
        Files.write(raw, TestImages.random(MIB, 5));
        Path image = QemuImg.convert(raw, "raw", dir.resolve("data.vdi"), "vdi");

        InspectionResult result = Feed.file(image);

        assertThat(result.format()).contains(ImageFormat.VDI);
        assertThat(result.virtualSize()).hasValue(MIB);
    }

    @Test
    void qedIsRecognisedOnlyToBeRefused() {
        Path image = QemuImg.create(dir.resolve("disk.qed"), "qed", 10 * MIB);

        InspectionResult result = Feed.file(image);

        assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.QED));
        assertThat(result.virtualSize()).hasValue(10 * MIB);
        assertThat(result.safety().failures())
                .containsExactly(new SafetyFailure("banned", "This file format is not allowed"));
        assertThat(FormatCheck.check("raw", result))
                .isInstanceOfSatisfying(
                        Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.UNSAFE_CONTENT));
    }

    @Test
    void luksVersion1MadeByQemuImg() {
        Path image;
        try {
            image = QemuImg.create(
                    dir.resolve("disk.luks"),
                    "luks",
                    4 * MIB,
                    "--object",
                    "secret,id=sec0,data=secret-passphrase",
                    "-o",
                    "key-secret=sec0,iter-time=10");
        } catch (AssertionError e) {
            // qemu-img calibrates PBKDF2 with per-thread CPU time; some sandboxed kernels report none.
            // luksVersion1HeaderAsCryptsetupWritesIt covers the same detection without qemu-img.
            Assumptions.assumeFalse(e.getMessage().contains("Unable to get accurate CPU usage"), e.getMessage());
            throw e;
        }

        assertLuksOfFourMebibytes(Feed.file(image));
    }

    @Test
    void luksVersion1HeaderAsCryptsetupWritesIt() throws IOException {
        Path image = dir.resolve("handmade.luks");
        int payloadSectors = 4096; // aes-xts-plain64 with 512-bit keys: 2 MiB of header and key slots
        ByteBuffer header = ByteBuffer.allocate(592);
        header.put(new byte[] {'L', 'U', 'K', 'S', (byte) 0xba, (byte) 0xbe}).putShort((short) 1);
        putPadded(header, 8, "aes");
        putPadded(header, 40, "xts-plain64");
        putPadded(header, 72, "sha256");
        header.putInt(104, payloadSectors).putInt(108, 64).putInt(164, 1000);
        putPadded(header, 168, "6f1e6f0c-52a4-4a8a-9b38-2d1f0c3b9e41");
        for (int slot = 0; slot < 8; slot++) {
            int at = 208 + slot * 48;
            header.putInt(at, slot == 0 ? 0x00AC71F3 : 0x0000DEAD);
            header.putInt(at + 40, 8 + slot * 504).putInt(at + 44, 4000);
        }
        byte[] disk = new byte[payloadSectors * 512 + 4 * MIB];
        System.arraycopy(header.array(), 0, disk, 0, 592);
        Files.write(image, disk);

        assertLuksOfFourMebibytes(Feed.file(image));
    }

    private static void putPadded(ByteBuffer buffer, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        buffer.put(at, bytes);
    }

    private static void assertLuksOfFourMebibytes(InspectionResult result) {
        assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.LUKS));
        assertThat(result.virtualSize()).hasValue(4 * MIB);
        assertThat(result.isSafe()).isTrue();
        // Glance has no "luks" disk_format: declared raw, encrypted content is a mismatch.
        assertThat(FormatCheck.check("raw", result))
                .isInstanceOfSatisfying(
                        Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.FORMAT_MISMATCH));
    }
}
