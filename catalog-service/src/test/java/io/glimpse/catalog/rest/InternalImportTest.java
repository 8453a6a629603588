package io.glimpse.catalog.rest;

import io.glimpse.catalog.Api;
import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.internal.ActingUser;
import io.glimpse.contracts.internal.ImportBegin;
import io.glimpse.contracts.internal.ImportEnd;
import io.glimpse.contracts.internal.ImportResume;
import io.glimpse.contracts.internal.ImportStoreResult;
import io.glimpse.contracts.internal.StageBegin;
import io.glimpse.contracts.internal.StageEnd;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * catalog's side of staging and importing (contracts' InternalApi), as import-service commands it: the image's state,
 * its lock and fence, its locations and digests, each command one transaction, and only for the service role.
 */
@QuarkusTest
class InternalImportTest {
    private static final ActingUser ALICE =
            new ActingUser("alice-id", "project-a", List.of("member", "reader"), "req-test");
    private static final ActingUser CAROL = new ActingUser("carol-id", "project-a", List.of("reader"), "req-test");
    private static final ActingUser BOB =
            new ActingUser("bob-id", "project-b", List.of("member", "reader"), "req-test");
    private static final ActingUser ADMIN =
            new ActingUser("admin-id", "admin-project", List.of("admin", "member", "reader"), "req-test");

    @Test
    void onlyTheServiceRoleMayCommand() {
        String id = newImage();
        Api.as("alice")
                .contentType(ContentType.JSON)
                .body(EventJson.write(new StageBegin(ALICE, "t")))
                .post("/internal/images/" + id + "/stage")
                .then()
                .statusCode(403);
    }

    @Test
    void stagingMovesTheImageToUploadingAndItsEndSettlesOnlyThatAttempt() {
        String id = newImage();
        assertThat(command("/stage", id, new StageBegin(BOB, "t1")).statusCode())
                .isEqualTo(404);
        assertThat(command("/stage", id, new StageBegin(CAROL, "t1")).statusCode())
                .isEqualTo(403);

        JsonPath begun = command("/stage", id, new StageBegin(ALICE, "t1"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(begun.getString("image.status")).isEqualTo("uploading");
        assertThat(command("/stage", id, new StageBegin(ALICE, "t2")).statusCode())
                .isEqualTo(409);
        assertThat(command("/stage/end", id, new StageEnd(ALICE, "other", true, 10))
                        .statusCode())
                .isEqualTo(409);

        command("/stage/end", id, new StageEnd(ALICE, "t1", true, 4096)).then().statusCode(204);
        command("/stage/end", id, new StageEnd(ALICE, "t1", true, 4096)).then().statusCode(204);
        JsonPath image = Api.show("alice", id).jsonPath();
        assertThat(image.getString("status")).isEqualTo("uploading");
        assertThat(image.getLong("size")).isEqualTo(4096);
        assertThat(image.getMap("$")).doesNotContainKey("os_glance_stage_host");

        command("/stage/end", id, new StageEnd(ALICE, "t1", false, 0)).then().statusCode(204);
        image = Api.show("alice", id).jsonPath();
        assertThat(image.getString("status")).isEqualTo("queued");
        assertThat(image.getString("size")).isNull();
    }

    @Test
    void anImportTakesTheLockWritesStoresUnderItsFenceAndActivatesAtTheEnd() throws Exception {
        String id = stagedImage();
        String task = UUID.randomUUID().toString();
        JsonPath plan = command("/imports", id, begin(ALICE, task, "glance-direct", List.of("file", "s3"), null))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(plan.getList("targets")).containsExactly("file", "s3");
        JsonPath importing = Api.show("alice", id).jsonPath();
        assertThat(importing.getString("status")).isEqualTo("importing");
        assertThat(importing.getString("os_glance_import_task")).isEqualTo(task);
        assertThat(importing.getString("os_glance_importing_to_stores")).isEqualTo("file,s3");
        assertThat(importing.getMap("$")).doesNotContainKey("os_glance_import_fence");

        // A second import finds the lock taken.
        assertThat(command("/imports", id, begin(ALICE, UUID.randomUUID().toString(), "glance-direct", null, null))
                        .statusCode())
                .isEqualTo(409);

        command("/imports/" + task + "/resume", id, new ImportResume(ALICE, 2))
                .then()
                .statusCode(200);
        // Attempt 1 was presumed dead: whatever it says now is refused.
        assertThat(command("/imports/" + task + "/stores", id, written(1, "file", id))
                        .statusCode())
                .isEqualTo(409);
        command("/imports/" + task + "/stores", id, written(2, "file", id))
                .then()
                .statusCode(204);
        command("/imports/" + task + "/stores", id, written(2, "file", id))
                .then()
                .statusCode(204);
        JsonPath halfway = Api.show("alice", id).jsonPath();
        assertThat(halfway.getString("status")).isEqualTo("importing");
        assertThat(halfway.getString("os_glance_importing_to_stores")).isEqualTo("s3");
        assertThat(halfway.getString("stores")).isEqualTo("file");

        command("/imports/" + task + "/stores", id, failed(2, "s3")).then().statusCode(204);
        command("/imports/" + task + "/end", id, new ImportEnd(ALICE, 2, false, List.of(), null, List.of()))
                .then()
                .statusCode(200);
        JsonPath done = Api.show("alice", id).jsonPath();
        assertThat(done.getString("status")).isEqualTo("active");
        assertThat(done.getString("checksum")).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(done.getLong("size")).isEqualTo(3);
        assertThat(done.getString("os_glance_importing_to_stores")).isEmpty();
        assertThat(done.getString("os_glance_failed_import")).isEqualTo("s3");
        assertThat(done.getString("os_glance_import_task")).isNull();
        // Ending twice changes nothing.
        command("/imports/" + task + "/end", id, new ImportEnd(ALICE, 2, true, List.of("file"), "again", List.of()))
                .then()
                .statusCode(200);
        assertThat(Api.show("alice", id).jsonPath().getString("status")).isEqualTo("active");
    }

    @Test
    void theFirstStoreWrittenCarriesWhatTheImportPluginsMadeOfTheImage() throws Exception {
        String id = stagedImage();
        String task = UUID.randomUUID().toString();
        command("/imports", id, begin(ALICE, task, "glance-direct", null, null))
                .then()
                .statusCode(200);
        ImportStoreResult plain = written(0, "file", id);
        ImportStoreResult converted = new ImportStoreResult(
                plain.user(),
                plain.fence(),
                plain.storeId(),
                true,
                true,
                plain.location(),
                plain.size(),
                plain.checksum(),
                plain.osHashAlgo(),
                plain.osHashValue(),
                5L,
                Map.of(),
                "qcow2",
                "bare",
                Map.of("hw_vendor", "glimpse", "os_glance_import_task", "forged", "glimpse_detected_format", "x"),
                null);
        command("/imports/" + task + "/stores", id, converted).then().statusCode(204);
        JsonPath image = Api.show("alice", id).jsonPath();
        assertThat(image.getString("status")).isEqualTo("active");
        assertThat(image.getString("disk_format")).isEqualTo("qcow2");
        assertThat(image.getLong("virtual_size")).isEqualTo(5);
        assertThat(image.getString("hw_vendor")).isEqualTo("glimpse");
        // Neither the import's own keys nor the inspection's can be set this way.
        assertThat(image.getString("os_glance_import_task")).isEqualTo(task);
        assertThat(image.getString("glimpse_detected_format")).isNull();
    }

    @Test
    void aRevertDropsTheTaskLocationsDeletesTheirDataAndRequeuesTheImage() throws Exception {
        String id = stagedImage();
        String task = UUID.randomUUID().toString();
        command("/imports", id, begin(ALICE, task, "glance-direct", null, null))
                .then()
                .statusCode(200);
        Path data = dataFileFor(id);
        command("/imports/" + task + "/stores", id, written(0, "file", id))
                .then()
                .statusCode(204);

        JsonPath ended = command(
                        "/imports/" + task + "/end",
                        id,
                        new ImportEnd(ALICE, 0, true, List.of("file"), "no", List.of()))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(ended.getList("removed.store_id")).containsExactly("file");
        JsonPath image = Api.show("alice", id).jsonPath();
        assertThat(image.getString("status")).isEqualTo("queued");
        assertThat(image.getString("stores")).isNull();
        assertThat(image.getString("checksum")).isNull();
        assertThat(image.getString("os_glance_import_task")).isNull();
        assertThat(Files.exists(data)).isFalse();
    }

    @Test
    void beginImportChecksInGlancesOrder() {
        String queued = newImage();
        String unknownImage = UUID.randomUUID().toString();
        assertThat(command("/imports", unknownImage, begin(ALICE, "t", "glance-direct", null, null))
                        .statusCode())
                .isEqualTo(404);
        expect(
                command("/imports", queued, begin(CAROL, "t", "glance-direct", List.of("nope"), null)),
                409,
                "needs to be staged");
        String staged = stagedImage();
        expect(
                command("/imports", staged, begin(CAROL, "t", "glance-direct", List.of("nope"), null)),
                403,
                "modify_image");
        expect(
                command("/imports", staged, begin(ALICE, "t", "glance-direct", List.of("nope"), null)),
                409,
                "Store for identifier nope not found");
        expect(
                command(
                        "/imports",
                        staged,
                        new ImportBegin(ALICE, "t", "glance-direct", List.of("file"), true, null, true, null)),
                400,
                "All_stores parameter");
        expect(
                command(
                        "/imports",
                        staged,
                        new ImportBegin(ALICE, "t", "glance-direct", List.of("file"), null, "file", true, null)),
                400,
                "Stores parameter and x-image-meta-store header");

        String active = ImageFixtures.activeImage(
                "alice", Map.of("name", Api.unique("active"), "disk_format", "raw", "container_format", "bare"));
        ImageFixtures.sql(
                "update images set locations = '{\"items\": [{\"url\": \"file:///x/" + active
                        + "\", \"store\": \"file\", \"status\": \"active\", \"metadata\": {}}]}'::jsonb where id = ?",
                active);
        expect(command("/imports", active, begin(ALICE, "t", "copy-image", List.of("s3"), null)), 403, "copy_image");
        expect(
                command("/imports", active, begin(ADMIN, "t", "copy-image", List.of("file"), null)),
                400,
                "Image is already present at store 'file'");
        // No store named: the default one, which holds the image already.
        expect(
                command("/imports", active, new ImportBegin(ADMIN, "t", "copy-image", null, null, null, true, null)),
                400,
                "Image is already present at store 'file'");
        String copyTask = UUID.randomUUID().toString();
        assertThat(command(
                                "/imports",
                                active,
                                new ImportBegin(ADMIN, copyTask, "copy-image", null, true, null, true, null))
                        .jsonPath()
                        .getList("targets"))
                .containsExactly("s3");
        assertThat(Api.show("alice", active).jsonPath().getString("status")).isEqualTo("active");
    }

    private static ImportBegin begin(ActingUser user, String task, String method, List<String> stores, String header) {
        return new ImportBegin(user, task, method, stores, null, header, true, null);
    }

    private static ImportStoreResult written(long fence, String store, String imageId) throws Exception {
        String location = dataFileFor(imageId).toUri().toString();
        return new ImportStoreResult(
                ALICE,
                fence,
                store,
                true,
                false,
                location,
                3,
                "0123456789abcdef0123456789abcdef",
                "sha512",
                "ab",
                null,
                Map.of("glimpse_detected_format", "raw", "not_an_inspection_key", "x"),
                null,
                null,
                null,
                null);
    }

    private static ImportStoreResult failed(long fence, String store) {
        return new ImportStoreResult(
                ALICE,
                fence,
                store,
                false,
                false,
                null,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "store down");
    }

    /** The file store's object for the image, written as an import would have. */
    private static Path dataFileFor(String imageId) throws Exception {
        Path file = Path.of("target/test-images").toAbsolutePath().resolve(imageId);
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.write(file, new byte[] {1, 2, 3});
        }
        return file;
    }

    private static String newImage() {
        return Api.createId(
                "alice", Map.of("name", Api.unique("import"), "disk_format", "raw", "container_format", "bare"));
    }

    private static String stagedImage() {
        String id = newImage();
        command("/stage", id, new StageBegin(ALICE, "staging")).then().statusCode(200);
        command("/stage/end", id, new StageEnd(ALICE, "staging", true, 3))
                .then()
                .statusCode(204);
        return id;
    }

    private static Response command(String path, String imageId, Object body) {
        return Api.asService()
                .contentType(ContentType.JSON)
                .body(EventJson.write(body))
                .post("/internal/images/" + imageId + path);
    }

    private static void expect(Response response, int status, String words) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.jsonPath().getString("message")).contains(words);
    }
}
