package io.glimpse.systemtests;

import io.glimpse.testsupport.GlimpseSuite;
import io.glimpse.testsupport.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.glimpse.systemtests.Imports.awaitImportEnd;
import static io.glimpse.systemtests.Imports.awaitTaskEnd;
import static io.glimpse.systemtests.Imports.download;
import static io.glimpse.systemtests.Imports.md5;
import static io.glimpse.systemtests.Imports.newImage;
import static io.glimpse.systemtests.Imports.startImport;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * glance-download through the gateway, with import-service restarted as an operator of two regions configures it:
 * region {@code RegionTwo} is this suite's own gateway (a Glance-compatible region reached over HTTP with bob's
 * token), {@code RegionRef} the reference Glance 25.1 when it runs on this machine (127.0.0.1:19292, persona tokens).
 * An image of the other region arrives with identical bytes, its formats and the properties Glance copies; a remote
 * image the service token may see but that is private is not taken; an unknown region fails the task.
 */
class GlanceDownloadTest extends ThroughTheGateway {
    private static final String REFERENCE = "http://127.0.0.1:19292";
    private static Path qcow2;

    @BeforeAll
    static void configureTwoRegions() throws Exception {
        Path work = Files.createTempDirectory("glimpse-glance-download-");
        Path raw = work.resolve("disk.raw");
        byte[] disk = new byte[4 * 1024 * 1024];
        byte[] data = new byte[1024 * 1024];
        new Random(5).nextBytes(data);
        System.arraycopy(data, 0, disk, 0, data.length);
        Files.write(raw, disk);
        qcow2 = work.resolve("disk.qcow2");
        Process convert = new ProcessBuilder(
                        "qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(), qcow2.toString())
                .redirectErrorStream(true)
                .start();
        convert.getInputStream().readAllBytes();
        assertThat(convert.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(convert.exitValue()).isZero();

        GlimpseSuite.restartWith(
                "import-service",
                Map.of(
                        "GLIMPSE_IMPORT_METHODS", "glance-direct,web-download,copy-image,glance-download",
                        "GLIMPSE_IMPORT_GLANCE_DOWNLOAD_ENDPOINTS",
                                "RegionTwo=http://127.0.0.1:9292," + "RegionRef=" + REFERENCE,
                        "GLIMPSE_IMPORT_GLANCE_DOWNLOAD_TOKENS",
                                "RegionTwo=" + Tokens.forUser("bob") + ",RegionRef=fake-bob",
                        "GLIMPSE_IMPORT_WEB_DOWNLOAD_ALLOWED_RANGES", "127.0.0.1/32",
                        "GLIMPSE_IMPORT_FILTERING_ALLOWED_PORTS", "80,443,9292,19292"));
    }

    @AfterAll
    static void restoreTheDefaults() throws IOException {
        GlimpseSuite.restartWith("import-service", Map.of());
    }

    @Test
    void anImageOfAnotherRegionArrivesWithItsBytesFormatsAndTheCopiedProperties() throws Exception {
        String remote = remoteGlimpseImage("community");
        JsonPath source = Imports.show("bob", remote);

        String id = newImage("alice", "raw");
        startImport("alice", id, glanceDownload("RegionTwo", remote)).then().statusCode(202);
        Map<String, Object> task = awaitTaskEnd("alice", id);
        assertThat(task).as("%s", task).containsEntry("status", "success");
        JsonPath image = awaitImportEnd("alice", id);
        assertThat(image.getString("status")).isEqualTo("active");
        assertThat(image.getString("disk_format")).isEqualTo("qcow2");
        assertThat(image.getString("checksum")).isEqualTo(source.getString("checksum"));
        assertThat(image.getString("os_hash_value")).isEqualTo(source.getString("os_hash_value"));
        assertThat(image.getLong("size")).isEqualTo(Files.size(qcow2));
        assertThat(md5(download("alice", id))).isEqualTo(md5(Files.readAllBytes(qcow2)));
        assertThat(image.getString("hw_disk_bus")).isEqualTo("scsi");
        assertThat(image.getString("os_distro")).isEqualTo("cirros");
        assertThat(image.getString("release_notes")).isNull();
    }

    @Test
    void aPrivateImageOfTheOtherRegionIsNotTakenWithTheServiceToken() throws Exception {
        String remote = remoteGlimpseImage("private");
        String id = newImage("alice", "raw");
        startImport("alice", id, glanceDownload("RegionTwo", remote)).then().statusCode(202);
        Map<String, Object> task = awaitTaskEnd("alice", id);
        assertThat(task).containsEntry("status", "failure");
        assertThat((String) task.get("message")).contains("is private; only public, community images");
        JsonPath image = awaitImportEnd("alice", id);
        assertThat(image.getString("status")).isEqualTo("queued");
        assertThat(image.getString("os_glance_failed_import")).isNotEmpty();
    }

    @Test
    void anUnknownRegionOrImageFailsTheTaskWithTheReason() {
        String id = newImage("alice", "raw");
        startImport("alice", id, glanceDownload("RegionNine", UUID.randomUUID().toString()))
                .then()
                .statusCode(202);
        assertThat((String) awaitTaskEnd("alice", id).get("message"))
                .contains("No image endpoint is configured for region RegionNine");

        String other = newImage("alice", "raw");
        startImport(
                        "alice",
                        other,
                        glanceDownload("RegionTwo", UUID.randomUUID().toString()))
                .then()
                .statusCode(202);
        assertThat((String) awaitTaskEnd("alice", other).get("message")).contains("cannot be described");
        assertThat(awaitImportEnd("alice", other).getString("status")).isEqualTo("queued");
    }

    @Test
    void anImageOfTheReferenceGlanceArrivesIdentical() throws Exception {
        Assumptions.assumeTrue(answers(REFERENCE + "/versions"), "the reference Glance does not run here");
        RequestSpecification admin = RestAssured.given().baseUri(REFERENCE).header("X-Auth-Token", "fake-admin");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", uniqueName("from-reference"));
        body.put("disk_format", "qcow2");
        body.put("container_format", "bare");
        body.put("visibility", "public");
        body.put("hw_disk_bus", "virtio");
        body.put("os_type", "linux");
        body.put("release_notes", "not copied");
        String remote = admin.contentType(ContentType.JSON)
                .body(body)
                .post("/v2/images")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try {
            RestAssured.given()
                    .baseUri(REFERENCE)
                    .header("X-Auth-Token", "fake-admin")
                    .contentType(ContentType.BINARY)
                    .body(qcow2.toFile())
                    .put("/v2/images/" + remote + "/file")
                    .then()
                    .statusCode(204);
            JsonPath source = RestAssured.given()
                    .baseUri(REFERENCE)
                    .header("X-Auth-Token", "fake-admin")
                    .get("/v2/images/" + remote)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();

            String id = newImage("alice", "raw");
            startImport("alice", id, glanceDownload("RegionRef", remote)).then().statusCode(202);
            Map<String, Object> task = awaitTaskEnd("alice", id);
            assertThat(task).as("%s", task).containsEntry("status", "success");
            JsonPath image = awaitImportEnd("alice", id);
            assertThat(image.getString("disk_format")).isEqualTo("qcow2");
            assertThat(image.getString("checksum")).isEqualTo(source.getString("checksum"));
            assertThat(image.getString("os_hash_value")).isEqualTo(source.getString("os_hash_value"));
            assertThat(image.getString("hw_disk_bus")).isEqualTo("virtio");
            assertThat(image.getString("os_type")).isEqualTo("linux");
            assertThat(image.getString("release_notes")).isNull();
            assertThat(md5(download("alice", id))).isEqualTo(md5(Files.readAllBytes(qcow2)));
        } finally {
            admin.delete("/v2/images/" + remote);
        }
    }

    /** A qcow2 image of bob's with properties, some of which glance-download copies. */
    private static String remoteGlimpseImage(String visibility) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", uniqueName("remote"));
        body.put("disk_format", "qcow2");
        body.put("container_format", "bare");
        body.put("visibility", visibility);
        body.put("hw_disk_bus", "scsi");
        body.put("os_distro", "cirros");
        body.put("release_notes", "not copied");
        String id = createImage("bob", body).then().statusCode(201).extract().path("id");
        as("bob")
                .contentType(ContentType.BINARY)
                .body(Files.readAllBytes(qcow2))
                .put("/v2/images/" + id + "/file")
                .then()
                .statusCode(204);
        return id;
    }

    private static Map<String, Object> glanceDownload(String region, String imageId) {
        return Map.of("method", Map.of("name", "glance-download", "glance_region", region, "glance_image_id", imageId));
    }

    private static boolean answers(String url) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
