package io.glimpse.systemtests;

import com.github.luben.zstd.ZstdOutputStream;
import io.glimpse.testsupport.GlimpseSuite;
import io.restassured.path.json.JsonPath;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.glimpse.systemtests.Imports.awaitImportEnd;
import static io.glimpse.systemtests.Imports.awaitTaskEnd;
import static io.glimpse.systemtests.Imports.download;
import static io.glimpse.systemtests.Imports.method;
import static io.glimpse.systemtests.Imports.newImage;
import static io.glimpse.systemtests.Imports.stageFile;
import static io.glimpse.systemtests.Imports.startImport;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import plugins through the gateway (glance-v2-api.md §8.3), with import-service restarted as an operator would
 * configure it: image_decompression, image_conversion to raw, inject_image_metadata, and a low bomb ratio. Real
 * qcow2, vmdk and vhdx images made with qemu-img are converted and compared with {@code qemu-img compare}; each
 * compression is undone; a bomb, and images with a backing file, a data file or vmdk extents, are refused before
 * qemu-img converts anything, and leave nothing behind. import-service gets its defaults back afterwards.
 */
class ImportPluginsTest extends ThroughTheGateway {
    private static final int MIB = 1024 * 1024;
    private static Path work;
    private static Path raw;

    @BeforeAll
    static void makeImagesAndEnableThePlugins() throws Exception {
        work = Files.createTempDirectory("glimpse-plugins-");
        raw = work.resolve("disk.raw");
        byte[] disk = new byte[8 * MIB];
        Random random = new Random(42);
        byte[] chunk = new byte[2 * MIB];
        random.nextBytes(chunk);
        System.arraycopy(chunk, 0, disk, 0, chunk.length);
        random.nextBytes(chunk);
        System.arraycopy(chunk, 0, disk, 5 * MIB, MIB);
        Files.write(raw, disk);
        qemuImg(
                "convert",
                "-f",
                "raw",
                "-O",
                "qcow2",
                raw.toString(),
                work.resolve("disk.qcow2").toString());
        qemuImg(
                "convert",
                "-f",
                "raw",
                "-O",
                "vmdk",
                raw.toString(),
                work.resolve("disk.vmdk").toString());
        qemuImg(
                "convert",
                "-f",
                "raw",
                "-O",
                "vhdx",
                raw.toString(),
                work.resolve("disk.vhdx").toString());

        GlimpseSuite.restartWith(
                "import-service",
                Map.of(
                        "GLIMPSE_IMPORT_PLUGINS", "image_decompression,image_conversion,inject_image_metadata",
                        "GLIMPSE_IMPORT_CONVERSION_OUTPUT_FORMAT", "raw",
                        "GLIMPSE_IMPORT_DECOMPRESSION_MAX_RATIO", "100",
                        "GLIMPSE_IMPORT_DECOMPRESSION_RATIO_APPLIES_ABOVE", Integer.toString(16 * MIB),
                        "GLIMPSE_IMPORT_INJECTION_PROPERTIES", "hw_vendor:glimpse,os_glance_forged:x"));
    }

    @AfterAll
    static void restoreTheDefaults() throws IOException {
        GlimpseSuite.restartWith("import-service", Map.of());
    }

    @Test
    void qcow2VmdkAndVhdxBecomeRawThatQemuImgFindsIdentical() throws Exception {
        for (String format : List.of("qcow2", "vmdk", "vhdx")) {
            JsonPath image = importFile("alice", format, work.resolve("disk." + format));
            assertThat(image.getString("status")).as(format).isEqualTo("active");
            assertThat(image.getString("disk_format")).as(format).isEqualTo("raw");
            assertThat(image.getString("container_format")).isEqualTo("bare");
            assertThat(image.getLong("size")).as(format).isEqualTo(Files.size(raw));
            assertThat(image.getLong("virtual_size")).as(format).isEqualTo(Files.size(raw));
            assertThat(image.getString("hw_vendor")).isEqualTo("glimpse");
            assertThat(image.getString("os_glance_forged")).isNull();
            assertSameDisk(image.getString("id"), format);
        }
    }

    @Test
    void eachCompressionIsUndoneBeforeTheFormatCheckAndTheConversion() throws Exception {
        byte[] qcow2 = Files.readAllBytes(work.resolve("disk.qcow2"));
        for (String compression : List.of("gzip", "bzip2", "xz", "zstd", "zip")) {
            Path compressed = work.resolve("disk.qcow2." + compression);
            Files.write(compressed, compress(compression, qcow2));
            JsonPath image = importFile("alice", "qcow2", compressed);
            assertThat(image.getString("status")).as(compression).isEqualTo("active");
            assertThat(image.getString("disk_format")).as(compression).isEqualTo("raw");
            assertThat(image.getLong("size")).as(compression).isEqualTo(Files.size(raw));
            assertSameDisk(image.getString("id"), compression);
        }
    }

    @Test
    void aDecompressionBombFailsTheImportAndLeavesNothing() throws Exception {
        // 64 MiB of zeros in a few kilobytes: far past the ratio of 100 this import-service allows past 16 MiB.
        Path bomb = work.resolve("bomb.raw.zst");
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(bomb))) {
            byte[] zeros = new byte[MIB];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        String id = newImage("alice", "raw");
        stageFile("alice", id, bomb).then().statusCode(204);
        startImport("alice", id, method("glance-direct")).then().statusCode(202);
        Map<String, Object> task = awaitTaskEnd("alice", id);
        assertThat(task).containsEntry("status", "failure");
        assertThat((String) task.get("message")).contains("decompression bomb");
        JsonPath image = awaitImportEnd("alice", id);
        assertThat(image.getString("status")).isEqualTo("queued");
        assertNothingLeftOf(id, (String) task.get("id"));
    }

    @Test
    void imagesThatReachOutsideThemselvesAreRefusedBeforeQemuImgConvertsThem() throws Exception {
        Path backing = work.resolve("backing.qcow2");
        qemuImg("create", "-f", "qcow2", "-b", "/etc/passwd", "-F", "raw", backing.toString(), "1M");
        Path dataFile = work.resolve("data-file.qcow2");
        qemuImg("create", "-f", "qcow2", "-o", "data_file=" + work.resolve("external.raw"), dataFile.toString(), "1M");
        Path flat = work.resolve("extents.vmdk");
        qemuImg("create", "-f", "vmdk", "-o", "subformat=monolithicFlat", flat.toString(), "1M");
        for (Path evil : List.of(backing, dataFile, flat, gzipped(backing))) {
            String format = evil.getFileName().toString().contains(".vmdk") ? "vmdk" : "qcow2";
            String id = newImage("alice", format);
            // The stage's inspection refuses them at once (415); compressed, the import's gate after decompression.
            int staged = stageFile("alice", id, evil).statusCode();
            if (staged == 415) {
                assertThat(evil.getFileName().toString()).doesNotEndWith(".gz");
                assertThat(Imports.show("alice", id).getString("status")).isEqualTo("queued");
                assertThat(Imports.filesOf(id)).isEmpty();
                continue;
            }
            assertThat(staged).as(evil.toString()).isEqualTo(204);
            startImport("alice", id, method("glance-direct")).then().statusCode(202);
            Map<String, Object> task = awaitTaskEnd("alice", id);
            assertThat(task).as(evil.toString()).containsEntry("status", "failure");
            assertThat((String) task.get("message"))
                    .as(evil.toString())
                    .containsAnyOf("does not match disk_format", "not allowed", "create-type");
            assertThat(awaitImportEnd("alice", id).getString("status")).isEqualTo("queued");
            assertNothingLeftOf(id, (String) task.get("id"));
        }
    }

    @Test
    void anAdminImportsWithoutInjectionAndRawStaysAsItIs() throws Exception {
        JsonPath image = importFile("admin", "raw", raw);
        assertThat(image.getString("status")).isEqualTo("active");
        assertThat(image.getString("disk_format")).isEqualTo("raw");
        assertThat(image.getString("checksum")).isEqualTo(Imports.md5(Files.readAllBytes(raw)));
        assertThat(image.getString("hw_vendor")).isNull();
    }

    private static JsonPath importFile(String user, String format, Path file) {
        String id = newImage(user, format);
        stageFile(user, id, file).then().statusCode(204);
        startImport(user, id, method("glance-direct")).then().statusCode(202);
        Map<String, Object> task = awaitTaskEnd(user, id);
        assertThat(task).as("task of %s: %s", file, task).containsEntry("status", "success");
        return awaitImportEnd(user, id);
    }

    private static void assertSameDisk(String imageId, String what) throws Exception {
        Path downloaded = work.resolve("downloaded-" + imageId);
        Files.write(downloaded, download("alice", imageId));
        Process compare = new ProcessBuilder(
                        "qemu-img", "compare", "-f", "raw", "-F", "raw", raw.toString(), downloaded.toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(compare.getInputStream().readAllBytes());
        assertThat(compare.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(compare.exitValue())
                .as("%s: qemu-img compare says %s", what, said)
                .isZero();
        Files.delete(downloaded);
    }

    /** Neither the image's nor the task's data (staged, decompressed, converted) is left anywhere. */
    private static void assertNothingLeftOf(String imageId, String taskId) {
        assertThat(Imports.filesOf(imageId)).isEmpty();
        for (String plugin : List.of("decompressed", "converted")) {
            String token = java.util
                    .UUID
                    .nameUUIDFromBytes((taskId + "." + plugin).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString();
            assertThat(Imports.filesOf(token)).as(plugin).isEmpty();
        }
    }

    private static Path gzipped(Path file) throws IOException {
        Path gz = file.resolveSibling(file.getFileName() + ".gz");
        Files.write(gz, compress("gzip", Files.readAllBytes(file)));
        return gz;
    }

    private static void qemuImg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("qemu-img"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, said).isZero();
    }

    private static byte[] compress(String kind, byte[] data) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        if (kind.equals("zip")) {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("disk.qcow2"));
                zip.write(data);
                zip.closeEntry();
            }
            return out.toByteArray();
        }
        try (OutputStream compressing = switch (kind) {
            case "gzip" -> new GZIPOutputStream(out);
            case "bzip2" -> new BZip2CompressorOutputStream(out);
            case "xz" -> new XZOutputStream(out, new LZMA2Options());
            case "zstd" -> new ZstdOutputStream(out);
            default -> throw new IllegalArgumentException(kind);
        }) {
            compressing.write(data);
        }
        return out.toByteArray();
    }
}
