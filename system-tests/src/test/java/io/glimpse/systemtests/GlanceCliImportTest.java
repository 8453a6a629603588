package io.glimpse.systemtests;

import io.glimpse.testsupport.Tokens;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.glimpse.systemtests.GlanceCliTest.field;
import static io.glimpse.systemtests.GlanceCliTest.glance;
import static io.glimpse.systemtests.Imports.awaitImage;
import static io.glimpse.systemtests.Imports.awaitImportEnd;
import static io.glimpse.systemtests.Imports.download;
import static io.glimpse.systemtests.Imports.md5;
import static io.glimpse.systemtests.Imports.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

/** The import commands of Debian's {@code glance} CLI, unmodified, against the gateway. */
class GlanceCliImportTest extends ThroughTheGateway {

    @Test
    void createViaImportStageImportCopyAndListTasksWithTheGlanceCli() throws Exception {
        String alice = Tokens.forUser("alice");
        byte[] data = randomBytes(2 * 1024 * 1024 + 5, 21);
        Path file = Files.createTempFile("cli-import", ".raw");
        Files.write(file, data);

        // One command: create, stage the file, import with glance-direct.
        String created = glance(
                alice,
                "image-create-via-import",
                "--name",
                uniqueName("cli-import"),
                "--disk-format",
                "raw",
                "--container-format",
                "bare",
                "--import-method",
                "glance-direct",
                "--file",
                file.toString());
        String viaImport = field(created, "id");
        JsonPath imported = awaitImage("alice", viaImport, image -> "active".equals(image.getString("status")));
        assertThat(imported.getString("checksum")).isEqualTo(md5(data));

        // Two commands: stage, then import.
        String second = field(
                glance(
                        alice,
                        "image-create",
                        "--name",
                        uniqueName("cli-stage"),
                        "--disk-format",
                        "raw",
                        "--container-format",
                        "bare"),
                "id");
        glance(alice, "image-stage", second, "--file", file.toString());
        assertThat(field(glance(alice, "image-show", second), "status")).isEqualTo("uploading");
        glance(alice, "image-import", second, "--import-method", "glance-direct");
        awaitImage("alice", second, image -> "active".equals(image.getString("status")));
        assertThat(download("alice", second)).isEqualTo(data);

        // An admin copies it to the second store.
        glance(Tokens.forUser("admin"), "image-import", second, "--import-method", "copy-image", "--stores", "s3");
        assertThat(awaitImportEnd("alice", second).getString("stores")).isEqualTo("file,s3");

        // Whoever may see the image sees all its tasks, the admin's copy included (Glance's tasks_get_by_image
        // filters by image only).
        assertThat(glance(alice, "image-tasks", second))
                .contains("Imported 2 MiB to file")
                .contains("Imported 2 MiB to s3");
        assertThat(glance(Tokens.forUser("admin"), "image-tasks", second))
                .contains("Imported 2 MiB to file")
                .contains("Imported 2 MiB to s3");
        Files.delete(file);
    }
}
