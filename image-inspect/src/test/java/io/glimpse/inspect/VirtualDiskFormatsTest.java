package io.glimpse.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.inspect.Detection.Identified;
import io.glimpse.inspect.FormatVerdict.Accepted;
import io.glimpse.inspect.FormatVerdict.Reason;
import io.glimpse.inspect.FormatVerdict.Rejected;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** VHD, VHDX, VDI, QED and LUKS images made by qemu-img. */
class VirtualDiskFormatsTest {

  private static final int MIB = 1024 * 1024;

  @TempDir Path dir;

  @Test
  void vhdIsReadFromTheFooterCopyAtTheStart() {
    Path image = QemuImg.create(dir.resolve("disk.vhd"), "vpc", 10 * MIB);

    InspectionResult result = Feed.file(image);

    assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.VHD));
    // qemu rounds a VHD up to its CHS geometry: 10 MiB becomes 10514432 bytes.
    assertThat(result.virtualSize()).hasValue(10_514_432L);
    assertThat(result.virtualSize()).hasValue(QemuImg.virtualSize(image, "vpc"));
    assertThat(result.isSafe()).isTrue();
    assertThat(FormatCheck.check("vhd", result))
        .isEqualTo(new Accepted(OptionalLong.of(10_514_432L)));
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
        .containsExactly(new SafetyFailure("header",
            "Truncated VHDX: the stream ended before the region table"));
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
  void luksVersion1() {
    Path image =
        QemuImg.create(dir.resolve("disk.luks"), "luks", 4 * MIB, "--object",
            "secret,id=sec0,data=secret-passphrase", "-o", "key-secret=sec0,iter-time=10");

    InspectionResult result = Feed.file(image);

    assertThat(result.detection()).isEqualTo(new Identified(ImageFormat.LUKS));
    assertThat(result.virtualSize()).hasValue(4 * MIB);
    assertThat(result.isSafe()).isTrue();
    // Glance has no "luks" disk_format: declared raw, encrypted content is a mismatch.
    assertThat(FormatCheck.check("raw", result))
        .isInstanceOfSatisfying(
            Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.FORMAT_MISMATCH));
  }
}
