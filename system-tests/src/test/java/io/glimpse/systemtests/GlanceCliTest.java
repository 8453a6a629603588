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

        String created = glance(alice, "image-create", "--name", name, "--disk-format", "qcow2",
                "--container-format", "bare", "--property", "hw_disk_bus=scsi");
        String id = field(created, "id");
        assertThat(field(created, "status")).isEqualTo("queued");
        assertThat(field(created, "hw_disk_bus")).isEqualTo("scsi");

        String updated = glance(alice, "image-update", id, "--name", name + "-renamed", "--property", "os_distro=cirros",
                "--remove-property", "hw_disk_bus");
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
        assertThat(glance(alice, "member-list", "--image-id", id)).contains("project-b").contains("accepted");

        glance(alice, "image-delete", id);
        CliResult gone = run(alice, "image-show", id);
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.output()).contains("404");
    }

    /** Runs the CLI and insists it succeeded. */
    private static String glance(String token, String... arguments) throws Exception {
        CliResult result = run(token, arguments);
        assertThat(result.exitCode()).as("glance %s%n%s", String.join(" ", arguments), result.output()).isZero();
        return result.output();
    }

    private static CliResult run(String token, String... arguments) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("glance-home");
        // glance reads image data from any stdin that is open and not a terminal (even /dev/null):
        // only a closed stdin means "no data", so the shell closes it before exec.
        List<String> command = new ArrayList<>(List.of("sh", "-c", "exec glance \"$@\" <&-", "glance",
                "--os-image-url", LocalSuite.gatewayUrl(), "--os-auth-token", token));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("the glance CLI is missing: apt-get install python3-glanceclient").isNotEqualTo(127);
        return new CliResult(process.exitValue(), output);
    }

    /** A value from the CLI's property table: {@code | name | value |}. */
    private static String field(String table, String name) {
        Matcher row = Pattern.compile("^\\|\\s*" + Pattern.quote(name) + "\\s*\\|\\s*(.*?)\\s*\\|\\s*$", Pattern.MULTILINE)
                .matcher(table);
        assertThat(row.find()).as("field %s in%n%s", name, table).isTrue();
        return row.group(1);
    }

    private record CliResult(int exitCode, String output) {
    }
}
