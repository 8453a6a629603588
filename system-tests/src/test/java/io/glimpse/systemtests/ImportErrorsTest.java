package io.glimpse.systemtests;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.glimpse.systemtests.Imports.awaitImage;
import static io.glimpse.systemtests.Imports.method;
import static io.glimpse.systemtests.Imports.newRawImage;
import static io.glimpse.systemtests.Imports.randomBytes;
import static io.glimpse.systemtests.Imports.show;
import static io.glimpse.systemtests.Imports.stage;
import static io.glimpse.systemtests.Imports.startImport;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of stage (§5.3) and import (§8.2) with Glance's status code and words, in Glance's order of checks
 * (as the reference Glance 25.1 answers them): the body first, then the image (404), its status and formats (409),
 * the policy (403), the stores (400/409), the lock (409). Nothing half-done is left behind by any of them.
 */
class ImportErrorsTest extends ThroughTheGateway {
    private static final byte[] DATA = randomBytes(64 * 1024, 9);

    /** queued, formats set, nothing staged. */
    private static String queued;
    /** uploading: staged, formats set. */
    private static String staged;
    /** uploading: staged, no formats. */
    private static String stagedWithoutFormats;
    /** active, in the file store. */
    private static String active;

    @BeforeAll
    static void images() {
        queued = newRawImage("alice");
        staged = newRawImage("alice");
        stage("alice", staged, DATA).then().statusCode(204);
        stagedWithoutFormats = createImage("alice", Map.of("name", uniqueName("no-formats")))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        stage("alice", stagedWithoutFormats, DATA).then().statusCode(204);
        active = newRawImage("alice");
        as("alice")
                .contentType(ContentType.BINARY)
                .body(DATA)
                .put("/v2/images/" + active + "/file")
                .then()
                .statusCode(204);
    }

    @Test
    void malformedImportBodiesAre400BeforeTheImageIsLookedAt() {
        String unknown = "00000000-0000-0000-0000-000000000000";
        expect(rawImport(unknown, ""), 400, "Body expected in request.");
        expect(rawImport(queued, "{not json"), 400, "Malformed JSON");
        expect(rawImport(queued, "[]"), 400, "must be a JSON object");
        expect(startImport("alice", unknown, Map.of()), 400, "Import request requires a 'method' field.");
        expect(startImport("alice", queued, Map.of("method", Map.of())), 400, "requires a 'name' field");
        expect(startImport("alice", queued, method("bogus")), 400, "Unknown import method name 'bogus'.");
        expect(
                startImport("alice", queued, method("glance-direct", "all_stores", "yes")),
                400,
                "'all_stores' must be boolean value only");
        expect(
                startImport("alice", queued, method("glance-direct", "all_stores_must_succeed", 1)),
                400,
                "'all_stores_must_succeed' must be boolean value only");
        expect(startImport("alice", queued, method("glance-direct", "stores", "file")), 400, "'stores' must be a list");
        expect(
                startImport("alice", queued, Map.of("method", Map.of("name", "web-download", "uri", "ftp://x/y"))),
                400,
                "URI for web-download does not pass filtering: ftp://x/y");
        expect(
                startImport("alice", queued, Map.of("method", Map.of("name", "web-download"))),
                400,
                "does not pass filtering");
        expect(
                startImport(
                        "alice",
                        queued,
                        Map.of("method", Map.of("name", "web-download", "uri", "http://2130706433/image"))),
                400,
                "does not pass filtering");
    }

    @Test
    void theImageItsStatusAndFormatsComeBeforeThePolicy() {
        expect(startImport("alice", "00000000-0000-0000-0000-000000000000", method("glance-direct")), 404, "");
        expect(startImport("bob", staged, method("glance-direct")), 404, "");
        expect(
                startImport("alice", queued, method("glance-direct")),
                409,
                "Image needs to be staged before 'glance-direct' method can be used");
        expect(startImport("carol", queued, method("glance-direct")), 409, "needs to be staged");
        expect(
                startImport("alice", active, method("glance-direct")),
                409,
                "Image with status active cannot be target for import");
        expect(
                startImport("alice", queued, method("copy-image")),
                409,
                "Only images with status active can be targeted for copying");
        expect(
                startImport(
                        "alice",
                        staged,
                        Map.of("method", Map.of("name", "web-download", "uri", "http://example.com/image"))),
                409,
                "Image needs to be in 'queued' state to use 'web-download' method");
        expect(
                startImport("alice", stagedWithoutFormats, method("glance-direct")),
                409,
                "'container_format' needs to be set before import");
        expect(
                startImport("carol", staged, method("glance-direct")),
                403,
                "You are not authorized to complete modify_image action.");
        expect(
                startImport("alice", active, Map.of("method", Map.of("name", "copy-image"), "stores", List.of("s3"))),
                403,
                "You are not authorized to complete copy_image action.");
    }

    @Test
    void storeChoicesAreCheckedAfterThePolicy() {
        expect(
                startImport(
                        "alice",
                        staged,
                        Map.of(
                                "method",
                                Map.of("name", "glance-direct"),
                                "all_stores",
                                true,
                                "stores",
                                List.of("file"))),
                400,
                "All_stores parameter can't be used with x-image-meta-store header or stores parameter");
        expect(
                as("alice")
                        .contentType(ContentType.JSON)
                        .header("X-Image-Meta-Store", "file")
                        .body(Map.of("method", Map.of("name", "glance-direct"), "stores", List.of("file")))
                        .post("/v2/images/" + staged + "/import"),
                400,
                "Stores parameter and x-image-meta-store header can't be both specified");
        expect(
                startImport(
                        "alice", staged, Map.of("method", Map.of("name", "glance-direct"), "stores", List.of("nope"))),
                409,
                "Store for identifier nope not found");
        expect(
                as("alice")
                        .contentType(ContentType.JSON)
                        .header("X-Image-Meta-Store", "nope")
                        .body(method("glance-direct"))
                        .post("/v2/images/" + staged + "/import"),
                409,
                "Store for identifier nope not found");
        expect(
                startImport("alice", staged, Map.of("method", Map.of("name", "glance-direct"), "stores", List.of())),
                400,
                "'stores' must name at least one store");
        expect(
                startImport("admin", active, Map.of("method", Map.of("name", "copy-image"), "stores", List.of("file"))),
                400,
                "Image is already present at store 'file'");
        expect(
                startImport(
                        "alice",
                        staged,
                        Map.of(
                                "method",
                                Map.of("name", "glance-direct"),
                                "stores",
                                List.of("os_glance_staging_store"))),
                409,
                "not found");
        // None of these took the lock or changed the image.
        assertThat(show("alice", staged).getString("status")).isEqualTo("uploading");
        assertThat(show("alice", staged).getString("os_glance_import_task")).isNull();
        assertThat(Imports.tasks("alice", staged)).isEmpty();
    }

    @Test
    void anImportWhoseDataCannotBeHadFailsEveryTargetStore() {
        // A URL whose data cannot be had (no such host here, or no such path where there is one). Glance then puts
        // every target in os_glance_failed_import, which tempest's negative web-download test waits for.
        String id = newRawImage("alice");
        startImport(
                        "alice",
                        id,
                        Map.of(
                                "method",
                                Map.of("name", "web-download", "uri", "http://example.com/no/possible/way"),
                                "stores",
                                List.of("s3", "file")))
                .then()
                .statusCode(202);
        JsonPath failed = awaitImage(
                "alice",
                id,
                image -> !image.getString("os_glance_failed_import").isEmpty());
        assertThat(failed.getString("os_glance_failed_import")).isEqualTo("file,s3");
        assertThat(failed.getString("os_glance_importing_to_stores")).isEmpty();
        assertThat(failed.getString("status")).isEqualTo("queued");
        assertThat(Imports.awaitTaskEnd("alice", id)).containsEntry("status", "failure");
    }

    @Test
    void aSecondImportWhileTheFirstRunsIsAConflict() {
        String id = newRawImage("alice");
        stage("alice", id, randomBytes(8 * 1024 * 1024, 10)).then().statusCode(204);
        startImport("alice", id, method("glance-direct", "all_stores", true))
                .then()
                .statusCode(202);
        Response second = startImport("alice", id, method("glance-direct"));
        // Either the first still holds the lock (409), or it already moved the image on (409 as well).
        assertThat(second.statusCode()).isEqualTo(409);
        awaitImage("alice", id, image -> "active".equals(image.getString("status")));
    }

    @Test
    void stageRefusalsLeaveTheImageQueuedAndNothingStaged() {
        String id = newRawImage("alice");
        expect(as("alice").contentType(ContentType.TEXT).body("abc").put("/v2/images/" + id + "/stage"), 415, "");
        expect(
                as("alice")
                        .contentType(ContentType.BINARY)
                        .header("x-openstack-image-size", "abc")
                        .body(DATA)
                        .put("/v2/images/" + id + "/stage"),
                400,
                "x-openstack-image-size");
        expect(
                as("alice")
                        .contentType(ContentType.BINARY)
                        .header("x-openstack-image-size", DATA.length + 1)
                        .body(DATA)
                        .put("/v2/images/" + id + "/stage"),
                400,
                "");
        expect(
                as("alice")
                        .contentType(ContentType.BINARY)
                        .header("x-openstack-image-size", "2199023255552")
                        .body(DATA)
                        .put("/v2/images/" + id + "/stage"),
                413,
                "");
        expect(stage("bob", id, DATA), 404, "");
        expect(stage("carol", id, DATA), 403, "You are not authorized to complete modify_image action.");
        expect(stage("alice", "00000000-0000-0000-0000-000000000000", DATA), 404, "");
        assertThat(show("alice", id).getString("status")).isEqualTo("queued");
        assertThat(show("alice", id).getString("size")).isNull();
        assertThat(Imports.filesOf(id)).isEmpty();

        stage("alice", id, DATA).then().statusCode(204);
        expect(stage("alice", id, DATA), 409, "uploading");
        expect(stage("alice", active, DATA), 409, "");
    }

    @Test
    void dataThatIsNotItsDiskFormatIsRefusedAtStage() {
        String id = createImage(
                        "alice", Map.of("name", uniqueName("qcow"), "disk_format", "qcow2", "container_format", "bare"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        expect(stage("alice", id, DATA), 415, "does not match disk_format qcow2");
        assertThat(show("alice", id).getString("status")).isEqualTo("queued");
        assertThat(Imports.filesOf(id)).isEmpty();
    }

    private static Response rawImport(String imageId, String body) {
        return as("alice").contentType(ContentType.JSON).body(body).post("/v2/images/" + imageId + "/import");
    }

    private static void expect(Response response, int status, String words) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.jsonPath().getString("message")).contains(words);
    }
}
