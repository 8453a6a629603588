package io.glimpse.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.testsupport.LocalSuite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's {@code openstack} CLI (python3-openstackclient) and openstacksdk, unchanged, logging in
 * through the gateway's identity endpoint from a {@code clouds.yaml}: with a password, and with an
 * application credential made by the CLI itself.
 */
class OpenStackClientsTest extends ThroughTheGateway {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path cloudsYaml;
    private static Path work;

    @BeforeAll
    static void cloudsYaml() throws IOException {
        work = Files.createTempDirectory("openstack-clients");
        cloudsYaml = work.resolve("clouds.yaml");
        StringBuilder clouds = new StringBuilder("clouds:\n");
        for (Map.Entry<String, String> user :
                Map.of("alice", "project-a", "bob", "project-b").entrySet()) {
            clouds.append(passwordCloud(user.getKey(), user.getValue()));
        }
        Files.writeString(cloudsYaml, clouds.toString());
    }

    static String passwordCloud(String user, String project) {
        return """
                  %s:
                    auth:
                      auth_url: %s/identity
                      username: %s
                      password: %s
                      project_name: %s
                      user_domain_name: Default
                      project_domain_name: Default
                    region_name: RegionOne
                    identity_api_version: 3
                """.formatted(user, LocalSuite.gatewayUrl(), user, user, project);
    }

    static String applicationCredentialCloud(String name, String id, String secret) {
        return """
                  %s:
                    auth_type: v3applicationcredential
                    auth:
                      auth_url: %s/identity
                      application_credential_id: %s
                      application_credential_secret: %s
                    region_name: RegionOne
                    identity_api_version: 3
                """.formatted(name, LocalSuite.gatewayUrl(), id, secret);
    }

    @Test
    void theOpenstackCliManagesAnImageLifeAndItsSharing() throws Exception {
        Path disk = work.resolve("disk.raw");
        byte[] data = new byte[2 * 1024 * 1024 + 11];
        new Random(14).nextBytes(data);
        Files.write(disk, data);
        String name = uniqueName("osc");

        JsonNode created = json(openstack(
                "alice",
                "image",
                "create",
                "--disk-format",
                "raw",
                "--container-format",
                "bare",
                "--file",
                disk.toString(),
                "--property",
                "os_distro=cirros",
                name,
                "-f",
                "json"));
        String id = created.get("id").asText();
        // The CLI prints the image as created, before its upload; show tells what came of it.
        assertThat(json(openstack("alice", "image", "show", id, "-f", "json"))
                        .get("status")
                        .asText())
                .isEqualTo("active");

        assertThat(openstack("alice", "image", "list", "--name", name, "-f", "value", "-c", "ID"))
                .contains(id);
        JsonNode shown = json(openstack("alice", "image", "show", id, "-f", "json"));
        assertThat(shown.get("size").asLong()).isEqualTo(data.length);
        assertThat(shown.get("owner").asText()).isEqualTo("project-a");

        openstack("alice", "image", "set", "--property", "hw_disk_bus=scsi", "--tag", "osc-tag", id);
        JsonNode updated = json(openstack("alice", "image", "show", id, "-f", "json"));
        assertThat(updated.toString()).contains("hw_disk_bus").contains("osc-tag");
        openstack("alice", "image", "unset", "--property", "hw_disk_bus", "--tag", "osc-tag", id);
        assertThat(openstack("alice", "image", "show", id, "-f", "json"))
                .doesNotContain("hw_disk_bus")
                .doesNotContain("osc-tag");

        // The member side: bob's project is added, bob accepts, sees and downloads it.
        openstack("alice", "image", "add", "project", id, "project-b");
        assertThat(openstack("bob", "image", "list", "-f", "value", "-c", "ID")).doesNotContain(id);
        openstack("bob", "image", "set", "--accept", id);
        assertThat(openstack("bob", "image", "list", "-f", "value", "-c", "ID")).contains(id);
        assertThat(openstack("alice", "image", "member", "list", id, "-f", "value"))
                .contains("project-b")
                .contains("accepted");
        Path saved = work.resolve("saved.raw");
        openstack("bob", "image", "save", "--file", saved.toString(), id);
        assertThat(Files.readAllBytes(saved)).isEqualTo(data);
        openstack("alice", "image", "remove", "project", id, "project-b");
        assertThat(openstack("bob", "image", "list", "-f", "value", "-c", "ID")).doesNotContain(id);

        openstack("alice", "image", "delete", id);
        CliResult gone = cli("alice", "image", "show", id);
        assertThat(gone.exitCode()).isNotZero();

        // Bytes that are not the declared format are refused with Glance's 415 (the SDK uploads with an
        // empty Accept header, which must not turn the refusal into a 500).
        String mislabelled = uniqueName("osc-mislabelled");
        CliResult refused = cli(
                "alice",
                "image",
                "create",
                "--disk-format",
                "qcow2",
                "--container-format",
                "bare",
                "--file",
                disk.toString(),
                mislabelled);
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("415");
        // The SDK deletes an image whose upload failed; nothing of it may have become active.
        assertThat(openstack("alice", "image", "list", "--name", mislabelled, "-f", "value", "-c", "Status"))
                .doesNotContain("active");
    }

    @Test
    void anApplicationCredentialLogsTheCliAndTheSdkIn() throws Exception {
        String credentialName = uniqueName("osc-ci");
        JsonNode credential = json(openstack(
                "alice", "application", "credential", "create", "--description", "CI", credentialName, "-f", "json"));
        String id = credential.get("id").asText();
        String secret = credential.get("secret").asText();
        Files.writeString(
                cloudsYaml, Files.readString(cloudsYaml) + applicationCredentialCloud("alice-ci", id, secret));
        try {
            assertThat(openstack("alice", "application", "credential", "list", "-f", "value", "-c", "Name"))
                    .contains(credentialName);
            JsonNode token = json(openstack("alice-ci", "token", "issue", "-f", "json"));
            assertThat(token.get("project_id").asText()).isEqualTo("project-a");
            String name = uniqueName("osc-ci-image");
            Path qcow2 = work.resolve("ci.qcow2");
            CliResult made = run(List.of("qemu-img", "create", "-q", "-f", "qcow2", qcow2.toString(), "16M"));
            assertThat(made.exitCode()).as(made.output()).isZero();
            String imageId = json(openstack(
                            "alice-ci",
                            "image",
                            "create",
                            "--disk-format",
                            "qcow2",
                            "--container-format",
                            "bare",
                            "--file",
                            qcow2.toString(),
                            name,
                            "-f",
                            "json"))
                    .get("id")
                    .asText();
            assertThat(json(openstack("alice", "image", "show", imageId, "-f", "json"))
                            .get("owner")
                            .asText())
                    .isEqualTo("project-a");
            openstack("alice-ci", "image", "delete", imageId);

            // The SDK, as owner alice and member bob, with the credential's cloud for a listing.
            CliResult sdk = run(List.of(
                    "/usr/bin/python3", script("sdk_image_lifecycle.py").toString(), "alice", "bob", "alice-ci"));
            assertThat(sdk.exitCode()).as(sdk.output()).isZero();
            assertThat(sdk.output()).contains("ok: deleted");

            // A revoked token is refused at once.
            String issued = json(openstack("alice", "token", "issue", "-f", "json"))
                    .get("id")
                    .asText();
            openstack("alice", "token", "revoke", issued);
            io.restassured.RestAssured.given()
                    .header("X-Auth-Token", issued)
                    .accept("application/json")
                    .get("/v2/images")
                    .then()
                    .statusCode(401);
        } finally {
            openstack("alice", "application", "credential", "delete", credentialName);
        }
        CliResult refused = cli("alice-ci", "image", "list");
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("401");
    }

    private static JsonNode json(String output) throws IOException {
        return JSON.readTree(output);
    }

    /** Runs the CLI as a cloud of clouds.yaml and insists it succeeded. */
    static String openstack(String cloud, String... arguments) throws Exception {
        CliResult result = cli(cloud, arguments);
        assertThat(result.exitCode())
                .as("openstack --os-cloud %s %s%n%s", cloud, String.join(" ", arguments), result.output())
                .isZero();
        return result.stdout();
    }

    static CliResult cli(String cloud, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openstack", "--os-cloud", cloud));
        command.addAll(List.of(arguments));
        return run(command);
    }

    static CliResult run(List<String> command) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(work, "out", ".txt");
        Path stderr = Files.createTempFile(work, "err", ".txt");
        // Every image is created with --file: the CLI would read image data from an open stdin, even
        // /dev/null, and it fails on a closed one.
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("OS_"));
        environment.put("OS_CLIENT_CONFIG_FILE", cloudsYaml.toString());
        environment.put("HOME", work.toString());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 5 minutes");
        }
        return new CliResult(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    record CliResult(int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private static Path script(String name) throws IOException {
        Path script = work.resolve(name);
        try (InputStream in = OpenStackClientsTest.class.getResourceAsStream("/openstack/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource openstack/" + name);
            }
            Files.write(script, in.readAllBytes());
        }
        return script;
    }
}
