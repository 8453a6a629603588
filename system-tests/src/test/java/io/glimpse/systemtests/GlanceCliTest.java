package io.glimpse.systemtests;

import io.glimpse.testsupport.LocalSuite;
import io.glimpse.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's {@code glance} CLI (python3-glanceclient) against the gateway, as an operator would use it:
 * the proof that an unmodified OpenStack client works. Each call gets a fresh HOME because the client
 * caches the image schema there, which breaks its own {@code --stores} option on the next call.
 */
class GlanceCliTest extends ThroughTheGateway {

    @Test
    void createUpdateTagShareListAndDeleteWithTheGlanceCli() throws Exception {
        String alice = Tokens.forUser("alice");
        String bob = Tokens.forUser("bob");
        String name = uniqueName("cli");

        String created = glance(
                alice,
                "image-create",
                "--name",
                name,
                "--disk-format",
                "qcow2",
                "--container-format",
                "bare",
                "--property",
                "hw_disk_bus=scsi");
        String id = field(created, "id");
        assertThat(field(created, "status")).isEqualTo("queued");
        assertThat(field(created, "hw_disk_bus")).isEqualTo("scsi");

        String updated = glance(
                alice,
                "image-update",
                id,
                "--name",
                name + "-renamed",
                "--property",
                "os_distro=cirros",
                "--remove-property",
                "hw_disk_bus");
        assertThat(field(updated, "name")).isEqualTo(name + "-renamed");
        assertThat(field(updated, "os_distro")).isEqualTo("cirros");
        assertThat(updated).doesNotContain("hw_disk_bus");

        String tag = "tag-" + id;
        glance(alice, "image-tag-update", id, tag);
        assertThat(glance(alice, "image-list", "--tag", tag)).contains(id);

        glance(alice, "member-create", id, "project-b");
        assertThat(glance(bob, "image-list")).doesNotContain(id);
        glance(bob, "member-update", id, "project-b", "accepted");
        assertThat(glance(bob, "image-list")).contains(id);
        assertThat(glance(alice, "member-list", "--image-id", id))
                .contains("project-b")
                .contains("accepted");

        glance(alice, "image-delete", id);
        CliResult gone = run(alice, "image-show", id);
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.output()).contains("404");
    }

    /**
     * Image data with the CLI: upload to a chosen store from {@code --file}, download (the client checks the MD5
     * it is sent), the stores, and a qcow2 with a backing file refused by the format checks.
     */
    @Test
    void uploadDownloadAndStoresWithTheGlanceCli() throws Exception {
        String alice = Tokens.forUser("alice");
        Path work = Files.createTempDirectory("glance-data");
        Path disk = work.resolve("disk.qcow2");
        qemuImg("create", "-q", "-f", "qcow2", disk.toString(), "64M");
        Path raw = work.resolve("disk.raw");
        byte[] randomBytes = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(5).nextBytes(randomBytes);
        Files.write(raw, randomBytes);

        String qcow2 = glance(
                alice,
                "image-create",
                "--name",
                uniqueName("cli-qcow2"),
                "--disk-format",
                "qcow2",
                "--container-format",
                "bare",
                "--file",
                disk.toString(),
                "--store",
                "s3");
        String qcow2Id = field(qcow2, "id");
        assertThat(field(qcow2, "status")).isEqualTo("active");
        assertThat(field(qcow2, "stores")).isEqualTo("s3");
        assertThat(field(qcow2, "checksum")).isEqualTo(md5(Files.readAllBytes(disk)));
        assertThat(field(qcow2, "virtual_size")).isEqualTo(String.valueOf(64L * 1024 * 1024));

        String rawImage = glance(
                alice,
                "image-create",
                "--name",
                uniqueName("cli-raw"),
                "--disk-format",
                "raw",
                "--container-format",
                "bare",
                "--file",
                raw.toString(),
                "--store",
                "file");
        String rawId = field(rawImage, "id");
        assertThat(field(rawImage, "size")).isEqualTo(String.valueOf(randomBytes.length));

        Path downloaded = work.resolve("downloaded.raw");
        glance(alice, "image-download", "--file", downloaded.toString(), rawId);
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(randomBytes);
        Path downloadedQcow2 = work.resolve("downloaded.qcow2");
        glance(alice, "image-download", "--file", downloadedQcow2.toString(), qcow2Id);
        assertThat(Files.readAllBytes(downloadedQcow2)).isEqualTo(Files.readAllBytes(disk));

        assertThat(glance(alice, "stores-info")).contains("file").contains("s3");
        CliResult onlyCopy = run(Tokens.forUser("admin"), "stores-delete", "--store", "file", rawId);
        assertThat(onlyCopy.exitCode()).as(onlyCopy.output()).isNotZero();
        assertThat(onlyCopy.output()).contains("403");

        Path base = work.resolve("base.raw");
        Files.write(base, new byte[1024 * 1024]);
        Path evil = work.resolve("evil.qcow2");
        qemuImg("create", "-q", "-f", "qcow2", "-F", "raw", "-b", base.toString(), evil.toString(), "1M");
        String evilId = field(
                glance(
                        alice,
                        "image-create",
                        "--name",
                        uniqueName("cli-evil"),
                        "--disk-format",
                        "qcow2",
                        "--container-format",
                        "bare"),
                "id");
        CliResult refused = run(alice, "image-upload", "--file", evil.toString(), evilId);
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("415");
        assertThat(field(glance(alice, "image-show", evilId), "status")).isEqualTo("queued");
    }

    private static void qemuImg(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("qemu-img"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
    }

    private static String md5(byte[] data) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("MD5").digest(data));
    }

    /** Runs the CLI and insists it succeeded. */
    static String glance(String token, String... arguments) throws Exception {
        CliResult result = run(token, arguments);
        assertThat(result.exitCode())
                .as("glance %s%n%s", String.join(" ", arguments), result.output())
                .isZero();
        return result.output();
    }

    static CliResult run(String token, String... arguments) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("glance-home");
        // glance reads image data from any stdin that is open and not a terminal (even /dev/null):
        // only a closed stdin means "no data", so the shell closes it before exec.
        List<String> command = new ArrayList<>(List.of(
                "sh",
                "-c",
                "exec glance \"$@\" <&-",
                "glance",
                "--os-image-url",
                LocalSuite.gatewayUrl(),
                "--os-auth-token",
                token));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("the glance CLI is missing: apt-get install python3-glanceclient")
                .isNotEqualTo(127);
        return new CliResult(process.exitValue(), output);
    }

    /** A value from the CLI's property table: {@code | name | value |}. */
    static String field(String table, String name) {
        Matcher row = Pattern.compile(
                        "^\\|\\s*" + Pattern.quote(name) + "\\s*\\|\\s*(.*?)\\s*\\|\\s*$", Pattern.MULTILINE)
                .matcher(table);
        assertThat(row.find()).as("field %s in%n%s", name, table).isTrue();
        return row.group(1);
    }

    record CliResult(int exitCode, String output) {}
}
