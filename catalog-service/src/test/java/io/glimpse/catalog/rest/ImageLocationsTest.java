package io.glimpse.catalog.rest;

import io.glimpse.catalog.S3StoreTap;
import io.glimpse.store.FileImageStore;
import io.glimpse.store.StoreRegistry;
import io.glimpse.testsupport.HttpRequestTap;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.glimpse.catalog.Api.PATCH_V21;
import static io.glimpse.catalog.Api.as;
import static io.glimpse.catalog.Api.asService;
import static io.glimpse.catalog.Api.createId;
import static io.glimpse.catalog.Api.op;
import static io.glimpse.catalog.Api.patch;
import static io.glimpse.catalog.Api.remove;
import static io.glimpse.catalog.Api.show;
import static io.glimpse.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Locations with {@code show_multiple_locations} and {@code show_image_direct_url} on (glance-v2-api.md §7.1–7.3):
 * the PATCH operations, validation data, and the service-only location API with its background hash. The data a
 * location points at is put in the file store's directory beforehand, as a consumer would put it in a store. The s3
 * store reaches the real S3 endpoint through a tap, which shows what the catalog asked of it.
 */
@QuarkusTest
@TestProfile(ImageLocationsTest.LocationsVisible.class)
@WithTestResource(S3StoreTap.class)
class ImageLocationsTest {

    public static class LocationsVisible implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "glimpse.catalog.locations.show-multiple-locations",
                    "true",
                    "glimpse.catalog.locations.show-image-direct-url",
                    "true",
                    "glimpse.catalog.locations.quota",
                    "3",
                    "glimpse.catalog.locations.hash-lease",
                    "2s",
                    "glimpse.catalog.locations.hash-resume-interval",
                    "1s");
        }
    }

    @Inject
    StoreRegistry stores;

    @S3StoreTap.Inject
    HttpRequestTap s3;

    @ConfigProperty(name = "glimpse.store.backends.s3.bucket")
    String s3Bucket;

    @Test
    void addingALocationToAQueuedImageActivatesItWithTheStoresSizeAndNoHash() {
        byte[] data = random(70_000);
        String url = placed(data);
        String id = queuedImage("alice");

        Response patched = patch(
                "alice",
                id,
                PATCH_V21,
                List.of(op("add", "/locations/-", Map.of("url", url, "metadata", Map.of("purpose", "test")))));

        assertThat(patched.statusCode()).as(patched.asString()).isEqualTo(200);
        assertThat(patched.jsonPath().getString("status")).isEqualTo("active");
        assertThat(patched.jsonPath().getLong("size")).isEqualTo(data.length);
        assertThat(patched.jsonPath().getString("checksum")).isNull();
        assertThat(patched.jsonPath().getString("os_hash_value")).isNull();
        assertThat(patched.jsonPath().getList("locations"))
                .containsExactly(Map.of("url", url, "metadata", Map.of("purpose", "test", "store", "file")));
        assertThat(patched.jsonPath().getString("direct_url")).isEqualTo(url);
        assertThat(patched.jsonPath().getString("stores")).isEqualTo("file");
        assertThat(as("alice").accept("*/*").get("/v2/images/" + id + "/file").asByteArray())
                .isEqualTo(data);
    }

    @Test
    void aPatchTheCallerMayNotMakeAsksNoStoreAboutItsLocations() {
        String id = queuedImage("alice");
        String object = UUID.randomUUID().toString();
        List<Map<String, Object>> addLocation = List.of(
                op("add", "/locations/-", Map.of("url", "s3://" + s3Bucket + "/" + object, "metadata", Map.of())));

        assertThat(patch("bob", id, PATCH_V21, addLocation).statusCode())
                .as("another project's member")
                .isEqualTo(404);
        assertThat(patch("carol", id, PATCH_V21, addLocation).statusCode())
                .as("a reader of the owning project")
                .isEqualTo(403);
        assertThat(s3.requestsMentioning(object)).isEmpty();

        // The owner's same PATCH does ask the store, through the same tap (and finds nothing there).
        assertThat(patch("alice", id, PATCH_V21, addLocation).statusCode()).isEqualTo(400);
        assertThat(s3.requestsMentioning(object)).isNotEmpty();
    }

    @Test
    void badLocationsAreRefusedWithGlancesCodes() {
        String id = queuedImage("alice");
        String url = placed(random(1000));

        assertThat(addLocation("alice", id, "gopher://info.cern.ch").statusCode())
                .as("no such store")
                .isEqualTo(400);
        String missing =
                fileStore().resolve(UUID.randomUUID().toString()).toUri().toString();
        assertThat(addLocation("alice", id, missing).statusCode())
                .as("no data there")
                .isEqualTo(400);
        assertThat(patch(
                                "alice",
                                id,
                                PATCH_V21,
                                List.of(op("add", "/locations/1", Map.of("url", url, "metadata", Map.of()))))
                        .statusCode())
                .as("position")
                .isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("add", "/locations/-", Map.of("url", url))))
                        .statusCode())
                .as("metadata is required")
                .isEqualTo(400);
        assertThat(patch(
                                "carol",
                                id,
                                PATCH_V21,
                                List.of(op("add", "/locations/-", Map.of("url", url, "metadata", Map.of()))))
                        .statusCode())
                .as("a reader")
                .isEqualTo(403);
        assertThat(show("alice", id).jsonPath().getString("status")).isEqualTo("queued");

        assertThat(addLocation("alice", id, url).statusCode()).isEqualTo(200);
        assertThat(addLocation("alice", id, url).statusCode()).as("duplicate").isEqualTo(400);
        assertThat(addLocation("alice", id, placed(random(10))).statusCode()).isEqualTo(200);
        assertThat(addLocation("alice", id, placed(random(10))).statusCode()).isEqualTo(200);
        assertThat(addLocation("alice", id, placed(random(10))).statusCode())
                .as("quota of 3")
                .isEqualTo(413);

        assertThat(as("admin").post("/v2/images/" + id + "/actions/deactivate").statusCode())
                .isEqualTo(204);
        assertThat(addLocation("alice", id, placed(random(10))).statusCode())
                .as("deactivated")
                .isEqualTo(409);
    }

    @Test
    void validationDataMustAgreeAndArriveWhileQueued() {
        byte[] data = random(5000);
        String url = placed(data);
        String id = queuedImage("alice");
        String md5 = hex("MD5", data);
        String sha512 = hex("SHA-512", data);

        assertThat(addValidated(id, url, Map.of("checksum", "abc", "os_hash_algo", "sha512", "os_hash_value", sha512))
                        .statusCode())
                .as("checksum not md5-sized")
                .isEqualTo(409);
        assertThat(addValidated(id, url, Map.of("os_hash_algo", "sha256", "os_hash_value", hex("SHA-256", data)))
                        .statusCode())
                .as("not the configured algorithm")
                .isEqualTo(409);
        assertThat(addValidated(id, url, Map.of("os_hash_algo", "sha512", "os_hash_value", "ab"))
                        .statusCode())
                .as("short hash")
                .isEqualTo(409);
        assertThat(addValidated(id, url, Map.of("os_hash_algo", "sha512")).statusCode())
                .as("algo without value")
                .isEqualTo(400);
        Response conflicting = patch(
                "alice",
                id,
                PATCH_V21,
                List.of(op(
                        "replace",
                        "/locations",
                        List.of(
                                Map.of(
                                        "url",
                                        url,
                                        "metadata",
                                        Map.of(),
                                        "validation_data",
                                        Map.of("checksum", md5, "os_hash_algo", "sha512", "os_hash_value", sha512)),
                                Map.of(
                                        "url",
                                        placed(data),
                                        "metadata",
                                        Map.of(),
                                        "validation_data",
                                        Map.of(
                                                "checksum",
                                                hex("MD5", random(3)),
                                                "os_hash_algo",
                                                "sha512",
                                                "os_hash_value",
                                                sha512))))));
        assertThat(conflicting.statusCode())
                .as("conflicting values in one request")
                .isEqualTo(409);

        Response accepted =
                addValidated(id, url, Map.of("checksum", md5, "os_hash_algo", "sha512", "os_hash_value", sha512));
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(200);
        assertThat(accepted.jsonPath().getString("checksum")).isEqualTo(md5);
        assertThat(accepted.jsonPath().getString("os_hash_value")).isEqualTo(sha512);
        assertThat(accepted.asString()).doesNotContain("validation_data");

        String second = placed(data);
        assertThat(addValidated(id, second, Map.of("os_hash_algo", "sha512", "os_hash_value", sha512))
                        .statusCode())
                .as("identical values are ignored")
                .isEqualTo(200);
        assertThat(addValidated(
                                id,
                                placed(data),
                                Map.of("os_hash_algo", "sha512", "os_hash_value", hex("SHA-512", random(9))))
                        .statusCode())
                .as("differs from the image's")
                .isEqualTo(409);
    }

    @Test
    void replaceMayOnlyChangeMetadataAndRemoveIsForAdminsAndNeverTheLast() throws IOException {
        String first = placed(random(100));
        String second = placed(random(100));
        String id = queuedImage("alice");
        assertThat(addLocation("alice", id, first).statusCode()).isEqualTo(200);
        assertThat(addLocation("alice", id, second).statusCode()).isEqualTo(200);

        Response relabelled = patch(
                "alice",
                id,
                PATCH_V21,
                List.of(op(
                        "replace",
                        "/locations",
                        List.of(
                                Map.of("url", second, "metadata", Map.of("k", "v")),
                                Map.of("url", first, "metadata", Map.of())))));
        assertThat(relabelled.statusCode()).as(relabelled.asString()).isEqualTo(200);
        assertThat(relabelled.jsonPath().getList("locations.url")).containsExactly(second, first);
        assertThat(patch(
                                "alice",
                                id,
                                PATCH_V21,
                                List.of(op(
                                        "replace", "/locations", List.of(Map.of("url", first, "metadata", Map.of())))))
                        .statusCode())
                .as("dropping one")
                .isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("replace", "/locations", List.of())))
                        .statusCode())
                .as("empty")
                .isEqualTo(403);

        assertThat(patch("alice", id, PATCH_V21, List.of(remove("/locations/0")))
                        .statusCode())
                .as("admin only")
                .isEqualTo(403);
        assertThat(patch("admin", id, PATCH_V21, List.of(remove("/locations/7")))
                        .statusCode())
                .isEqualTo(400);
        Response removed = patch("admin", id, PATCH_V21, List.of(remove("/locations/0")));
        assertThat(removed.statusCode()).as(removed.asString()).isEqualTo(200);
        assertThat(removed.jsonPath().getList("locations.url")).containsExactly(first);
        assertThat(Files.exists(Path.of(java.net.URI.create(second))))
                .as("its data is deleted")
                .isFalse();
        assertThat(patch("admin", id, PATCH_V21, List.of(remove("/locations/0")))
                        .statusCode())
                .as("the last one")
                .isEqualTo(403);
    }

    @Test
    void othersSeeNoLocations() {
        String url = placed(random(100));
        String id = createId(
                "alice",
                Map.of(
                        "name",
                        unique("public-located"),
                        "disk_format",
                        "raw",
                        "container_format",
                        "bare",
                        "visibility",
                        "community"));
        assertThat(addLocation("alice", id, url).statusCode()).isEqualTo(200);

        Response seenByBob = show("bob", id);
        assertThat(seenByBob.jsonPath().getList("locations")).isEmpty();
        assertThat(seenByBob.jsonPath().getString("direct_url")).isNull();
        assertThat(show("alice", id).jsonPath().getString("direct_url")).isEqualTo(url);
    }

    @Test
    void aDeactivatedImageShowsItsLocationsToAdminsOnly() {
        String url = placed(random(100));
        String id = queuedImage("alice");
        assertThat(addLocation("alice", id, url).statusCode()).isEqualTo(200);
        assertThat(as("admin").post("/v2/images/" + id + "/actions/deactivate").statusCode())
                .isEqualTo(204);

        // Glance's database layer hands a non-admin a deactivated image without locations.
        Response owner = show("alice", id);
        assertThat(owner.jsonPath().getList("locations")).isEmpty();
        assertThat(owner.jsonPath().getMap("$")).doesNotContainKeys("direct_url", "stores");
        Response fetched = asService().get("/v2/images/" + id + "/locations");
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.jsonPath().getList("$")).isEmpty();
        Response admin = show("admin", id);
        assertThat(admin.jsonPath().getList("locations.url")).containsExactly(url);
        assertThat(admin.jsonPath().getString("direct_url")).isEqualTo(url);
        assertThat(admin.jsonPath().getString("stores")).isEqualTo("file");
    }

    @Test
    void aServiceRegistersALocationAndCatalogHashesItInTheBackground() {
        byte[] data = random(300_000);
        String url = placed(data);
        String id = queuedImage("alice");

        assertThat(as("alice")
                        .contentType("application/json")
                        .body(Map.of("url", url))
                        .post("/v2/images/" + id + "/locations")
                        .statusCode())
                .as("no http store for users")
                .isEqualTo(403);
        Response added = asService()
                .contentType("application/json")
                .body(Map.of("url", url))
                .post("/v2/images/" + id + "/locations");
        assertThat(added.statusCode()).as(added.asString()).isEqualTo(202);
        assertThat(show("alice", id).jsonPath().getString("status")).isEqualTo("active");

        Response hashed = awaitShown(id, image -> image.jsonPath().getString("os_hash_value") != null);
        assertThat(hashed.jsonPath().getString("checksum")).isEqualTo(hex("MD5", data));
        assertThat(hashed.jsonPath().getString("os_hash_algo")).isEqualTo("sha512");
        assertThat(hashed.jsonPath().getString("os_hash_value")).isEqualTo(hex("SHA-512", data));
        assertThat(hashed.asString()).doesNotContain("os_glance_hash_op_host");
        assertThat(asService()
                        .contentType("application/json")
                        .body(Map.of("url", placed(data)))
                        .post("/v2/images/" + id + "/locations")
                        .statusCode())
                .as("not queued")
                .isEqualTo(409);

        Response fetched = asService().get("/v2/images/" + id + "/locations");
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.jsonPath().getList("url")).containsExactly(url);
        assertThat(as("alice").get("/v2/images/" + id + "/locations").statusCode())
                .isEqualTo(403);
        assertThat(as("admin").get("/v2/images/" + id + "/locations").statusCode())
                .isEqualTo(200);
        assertThat(asService()
                        .get("/v2/images/" + UUID.randomUUID() + "/locations")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void validationDataKeepsTheImageImportingUntilTheHashMatches() {
        byte[] data = random(200_000);
        String good = queuedImage("alice");
        Response accepted = asService()
                .contentType("application/json")
                .body(Map.of(
                        "url",
                        placed(data),
                        "validation_data",
                        Map.of("os_hash_algo", "sha256", "os_hash_value", hex("SHA-256", data))))
                .post("/v2/images/" + good + "/locations");
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        Response active =
                awaitShown(good, image -> image.jsonPath().getString("status").equals("active"));
        assertThat(active.jsonPath().getString("os_hash_value")).isEqualTo(hex("SHA-512", data));

        String bad = queuedImage("alice");
        String badUrl = placed(data);
        assertThat(asService()
                        .contentType("application/json")
                        .body(Map.of(
                                "url",
                                badUrl,
                                "validation_data",
                                Map.of("os_hash_algo", "md5", "os_hash_value", hex("MD5", random(4)))))
                        .post("/v2/images/" + bad + "/locations")
                        .statusCode())
                .isEqualTo(202);
        Response reverted =
                awaitShown(bad, image -> image.jsonPath().getString("status").equals("queued"));
        assertThat(reverted.jsonPath().getList("locations")).isEmpty();
        assertThat(reverted.jsonPath().getString("size")).isNull();
        assertThat(reverted.jsonPath().getString("checksum")).isNull();
    }

    /** A catalog instance died while hashing: once the lease passes, this one finishes the job. */
    @Test
    void aHashLeftByAVanishedInstanceIsResumed() {
        byte[] data = random(150_000);
        String url = placed(data);
        String id = queuedImage("alice");
        ImageFixtures.sql(
                "update images set status = 'importing', size = ?, updated_at = now() - interval '1 hour',"
                        + " locations = jsonb_build_object('items', jsonb_build_array(jsonb_build_object('url', ?::text,"
                        + " 'store', 'file', 'status', 'active'))), properties = properties || jsonb_build_object("
                        + "'os_glance_hash_op_host', 'vanished-host', 'os_glance_hash_op_expected', ?::text) where id = ?",
                (long) data.length,
                url,
                "sha256:" + hex("SHA-256", data),
                id);
        assertThat(show("alice", id).asString()).doesNotContain("os_glance_hash_op");

        Response active =
                awaitShown(id, image -> image.jsonPath().getString("status").equals("active"));

        assertThat(active.jsonPath().getString("checksum")).isEqualTo(hex("MD5", data));
        assertThat(active.jsonPath().getString("os_hash_value")).isEqualTo(hex("SHA-512", data));
    }

    @Test
    void theLocationApiChecksItsBody() {
        String id = queuedImage("alice");
        String url = placed(random(10));
        assertThat(postLocation(id, Map.of("url", url, "validation_data", Map.of("os_hash_algo", "sha256"))))
                .as("algo without value")
                .isEqualTo(400);
        assertThat(postLocation(
                        id,
                        Map.of("url", url, "validation_data", Map.of("os_hash_algo", "crc32", "os_hash_value", "00"))))
                .as("unknown algo")
                .isEqualTo(400);
        assertThat(postLocation(
                        id,
                        Map.of("url", url, "validation_data", Map.of("os_hash_algo", "sha256", "os_hash_value", "zz"))))
                .as("not hex of the right length")
                .isEqualTo(400);
        assertThat(postLocation(id, Map.of("url", "gopher://info.cern.ch")))
                .as("no store")
                .isEqualTo(400);
        assertThat(postLocation(id, Map.of("url", url, "validation_data", Map.of())))
                .as("{} is fine")
                .isEqualTo(202);
    }

    @Test
    void deletingAnImageDeletesItsDataUnlessAnotherImageStillPointsAtIt() {
        String shared = placed(random(100));
        String own = placed(random(100));
        String first = queuedImage("alice");
        String second = queuedImage("alice");
        assertThat(addLocation("alice", first, shared).statusCode()).isEqualTo(200);
        assertThat(addLocation("alice", first, own).statusCode()).isEqualTo(200);
        assertThat(addLocation("alice", second, shared).statusCode()).isEqualTo(200);

        assertThat(as("alice").delete("/v2/images/" + first).statusCode()).isEqualTo(204);

        assertThat(Files.exists(Path.of(java.net.URI.create(own)))).isFalse();
        assertThat(Files.exists(Path.of(java.net.URI.create(shared))))
                .as("still the second image's")
                .isTrue();
        assertThat(as("alice")
                        .accept("*/*")
                        .get("/v2/images/" + second + "/file")
                        .statusCode())
                .isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static int postLocation(String id, Map<String, Object> body) {
        return asService()
                .contentType("application/json")
                .body(body)
                .post("/v2/images/" + id + "/locations")
                .statusCode();
    }

    private static Response addLocation(String user, String id, String url) {
        return patch(user, id, PATCH_V21, List.of(op("add", "/locations/-", Map.of("url", url, "metadata", Map.of()))));
    }

    private static Response addValidated(String id, String url, Map<String, String> validation) {
        return patch(
                "alice",
                id,
                PATCH_V21,
                List.of(op(
                        "add",
                        "/locations/-",
                        Map.of("url", url, "metadata", Map.of(), "validation_data", validation))));
    }

    private static String queuedImage(String user) {
        return createId(user, Map.of("name", unique("located"), "disk_format", "raw", "container_format", "bare"));
    }

    private static Response awaitShown(String id, java.util.function.Predicate<Response> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            Response shown = show("alice", id);
            if (done.test(shown)) {
                return shown;
            }
            assertThat(Instant.now())
                    .as("image %s never got there: %s", id, shown.asString())
                    .isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The bytes as an object in the file store, named as the store names its objects; its URL. */
    private String placed(byte[] data) {
        try {
            // The store makes its directory on its first write, which need not have happened yet.
            Path file = Files.createDirectories(fileStore())
                    .resolve(UUID.randomUUID().toString());
            Files.write(file, data);
            return file.toUri().toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path fileStore() {
        return ((FileImageStore) stores.get("file")).directory();
    }

    private static byte[] random(int length) {
        byte[] data = new byte[length];
        new Random(length * 17L + System.nanoTime()).nextBytes(data);
        return data;
    }

    private static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
