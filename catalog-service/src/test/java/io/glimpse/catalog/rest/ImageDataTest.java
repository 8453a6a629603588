package io.glimpse.catalog.rest;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.ImageEventData;
import io.glimpse.contracts.internal.SendFile;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.store.FileImageStore;
import io.glimpse.store.S3ImageStore;
import io.glimpse.store.StoreRegistry;
import io.glimpse.testsupport.Tokens;
import io.glimpse.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.glimpse.catalog.Api.PATCH_V21;
import static io.glimpse.catalog.Api.as;
import static io.glimpse.catalog.Api.asService;
import static io.glimpse.catalog.Api.createId;
import static io.glimpse.catalog.Api.op;
import static io.glimpse.catalog.Api.patch;
import static io.glimpse.catalog.Api.show;
import static io.glimpse.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Image data against the real stores (the test directory store and the local S3), with digests computed here
 * independently, images built by qemu-img, and every failure leaving the image queued with no data behind.
 */
@QuarkusTest
class ImageDataTest {
    private static final String OCTETS = "application/octet-stream";

    @Inject
    StoreRegistry stores;

    @TempDir
    Path work;

    @Test
    void rawRoundTripThroughTheFileStoreWithEveryDigest() {
        byte[] data = random(3 * 1024 * 1024 + 17);
        String id = newImage("alice", "raw");

        Response uploaded = upload("alice", id, data)
                .header("x-openstack-image-size", data.length)
                .put(file(id));
        assertThat(uploaded.statusCode()).as(uploaded.asString()).isEqualTo(204);

        Response shown = show("alice", id);
        assertThat(shown.jsonPath().getString("status")).isEqualTo("active");
        assertThat(shown.jsonPath().getLong("size")).isEqualTo(data.length);
        assertThat(shown.jsonPath().getLong("virtual_size")).isEqualTo(data.length);
        assertThat(shown.jsonPath().getString("checksum")).isEqualTo(hex("MD5", data));
        assertThat(shown.jsonPath().getString("os_hash_algo")).isEqualTo("sha512");
        assertThat(shown.jsonPath().getString("os_hash_value")).isEqualTo(hex("SHA-512", data));
        assertThat(shown.jsonPath().getString("stores")).isEqualTo("file");
        assertThat(shown.jsonPath().getString("glimpse_detected_format")).isEqualTo("raw");
        assertThat(shown.jsonPath().getString("glimpse_format_safety")).isEqualTo("safe");
        assertThat(Files.exists(fileStoreDirectory().resolve(id))).isTrue();

        Response downloaded = download("alice").get(file(id));
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.header("Content-Length")).isEqualTo(String.valueOf(data.length));
        assertThat(downloaded.header("Content-MD5")).isEqualTo(hex("MD5", data));
        assertThat(downloaded.asByteArray()).isEqualTo(data);

        // Offered by the gateway (ADR 0010): the same decision, the file named instead of sent.
        Response named = download("alice").header(SendFile.OFFER, "1").get(file(id));
        assertThat(named.statusCode()).isEqualTo(200);
        assertThat(named.header(SendFile.PATH))
                .isEqualTo(fileStoreDirectory().resolve(id).toAbsolutePath().toString());
        assertThat(named.header(SendFile.SPAN)).isEqualTo("0 " + data.length);
        assertThat(named.header("Content-MD5")).isEqualTo(hex("MD5", data));
        assertThat(named.asByteArray()).isEmpty();
        Response namedSpan = download("alice")
                .header(SendFile.OFFER, "1")
                .header("Range", "bytes=100-199")
                .get(file(id));
        assertThat(namedSpan.statusCode()).isEqualTo(206);
        assertThat(namedSpan.header("Content-Range")).isEqualTo("bytes 100-199/" + data.length);
        assertThat(namedSpan.header(SendFile.SPAN)).isEqualTo("100 100");
        assertThat(download("bob").header(SendFile.OFFER, "1").get(file(id)).statusCode())
                .as("the decision is still catalog's")
                .isEqualTo(404);

        assertThat(upload("alice", id, data).put(file(id)).statusCode())
                .as("second upload")
                .isEqualTo(409);
        assertThat(download("alice").get(file(id)).asByteArray()).isEqualTo(data);
    }

    @Test
    void chunkedRoundTripThroughTheS3Store() {
        byte[] data = random(7 * 1024 * 1024 + 5);
        String id = newImage("alice", "raw");

        Response uploaded = as("alice")
                .contentType(OCTETS)
                .header("X-Image-Meta-Store", "s3")
                .body(new ByteArrayInputStream(data))
                .put(file(id));
        assertThat(uploaded.statusCode()).as(uploaded.asString()).isEqualTo(204);

        Response shown = show("alice", id);
        assertThat(shown.jsonPath().getString("status")).isEqualTo("active");
        assertThat(shown.jsonPath().getString("stores")).isEqualTo("s3");
        assertThat(shown.jsonPath().getString("checksum")).isEqualTo(hex("MD5", data));
        assertThat(shown.jsonPath().getString("os_hash_value")).isEqualTo(hex("SHA-512", data));
        assertThat(inS3(id)).isTrue();

        assertThat(download("bob").get(file(id)).statusCode())
                .as("alice's private image")
                .isEqualTo(404);
        Response downloaded = download("alice").get(file(id));
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(hex("SHA-512", downloaded.asByteArray())).isEqualTo(hex("SHA-512", data));
        Response offered = download("alice").header(SendFile.OFFER, "1").get(file(id));
        assertThat(offered.header(SendFile.PATH)).as("S3 data is no local file").isNull();
        assertThat(hex("SHA-512", offered.asByteArray())).isEqualTo(hex("SHA-512", data));
    }

    @Test
    void rangesSuffixesAndUnsatisfiableRanges() {
        byte[] data = random(1000);
        String id = newImage("alice", "raw");
        assertThat(download("alice").get(file(id)).statusCode())
                .as("no data yet")
                .isEqualTo(204);
        assertThat(upload("alice", id, data).put(file(id)).statusCode()).isEqualTo(204);

        Response first = download("alice").header("Range", "bytes=0-9").get(file(id));
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.header("Content-Range")).isEqualTo("bytes 0-9/1000");
        assertThat(first.header("Content-Length")).isEqualTo("10");
        assertThat(first.asByteArray()).isEqualTo(Arrays.copyOfRange(data, 0, 10));
        assertThat(first.header("Content-MD5"))
                .as("Glance sends the whole image's checksum with every piece, for resumed downloads")
                .isEqualTo(hex("MD5", data));

        Response suffix = download("alice").header("Range", "bytes=-5").get(file(id));
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.header("Content-Range")).isEqualTo("bytes 995-999/1000");
        assertThat(suffix.asByteArray()).isEqualTo(Arrays.copyOfRange(data, 995, 1000));
        assertThat(suffix.header("Content-MD5")).isEqualTo(hex("MD5", data));

        Response open = download("alice").header("Range", "bytes=990-").get(file(id));
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.header("Content-Range")).isEqualTo("bytes 990-999/1000");
        assertThat(open.asByteArray()).isEqualTo(Arrays.copyOfRange(data, 990, 1000));

        Response clipped = download("alice").header("Range", "bytes=998-5000").get(file(id));
        assertThat(clipped.header("Content-Range")).isEqualTo("bytes 998-999/1000");

        assertThat(download("alice")
                        .header("Range", "bytes=0-1,5-6")
                        .get(file(id))
                        .statusCode())
                .isEqualTo(400);
        assertThat(download("alice")
                        .header("Range", "bytes=1000-")
                        .get(file(id))
                        .statusCode())
                .isEqualTo(416);
        assertThat(download("alice").header("Range", "pages=1-2").get(file(id)).statusCode())
                .isEqualTo(416);
    }

    @Test
    void requestErrorsLeaveTheImageQueued() throws Exception {
        byte[] data = random(4096);
        String id = newImage("alice", "raw");

        assertThat(as("alice")
                        .contentType("application/json")
                        .body("{}")
                        .put(file(id))
                        .statusCode())
                .isEqualTo(415);
        HttpResponse<String> untyped = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + file(id)))
                                .header("Authorization", "Bearer " + Tokens.forUser("alice"))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(data))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(untyped.statusCode()).as("no Content-Type").isEqualTo(415);
        assertThat(upload("alice", id, data)
                        .header("x-openstack-image-size", "12x")
                        .put(file(id))
                        .statusCode())
                .isEqualTo(400);
        assertThat(upload("alice", id, data)
                        .header("X-Image-Meta-Store", "nowhere")
                        .put(file(id))
                        .statusCode())
                .isEqualTo(400);
        assertThat(upload("bob", id, data).put(file(id)).statusCode())
                .as("invisible")
                .isEqualTo(404);
        assertThat(upload("carol", id, data).put(file(id)).statusCode())
                .as("reader")
                .isEqualTo(403);
        assertQueuedWithoutData(id);

        String formatless = createId("alice", Map.of("name", unique("formatless")));
        assertThat(upload("alice", formatless, data).put(file(formatless)).statusCode())
                .isEqualTo(400);
        assertQueuedWithoutData(formatless);

        assertThat(as("alice")
                        .contentType("application/json")
                        .body(Map.of("name", "x", "glimpse_detected_format", "raw"))
                        .post("/v2/images")
                        .statusCode())
                .as("reserved at create")
                .isEqualTo(403);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("add", "/glimpse_format_safety", "safe")))
                        .statusCode())
                .as("reserved in PATCH")
                .isEqualTo(403);
    }

    @Test
    void sizeMismatchesRevertAndLeaveNothingInEitherStore() {
        byte[] data = random(64 * 1024);
        String id = newImage("alice", "raw");

        Response shorter = upload("alice", id, data)
                .header("x-openstack-image-size", data.length + 100)
                .put(file(id));
        assertThat(shorter.statusCode()).as(shorter.asString()).isEqualTo(400);
        assertQueuedWithoutData(id);

        Response longer = upload("alice", id, data)
                .header("X-Image-Meta-Store", "s3")
                .header("x-openstack-image-size", data.length - 1)
                .put(file(id));
        assertThat(longer.statusCode()).isEqualTo(400);
        assertQueuedWithoutData(id);

        assertThat(upload("alice", id, data)
                        .header("x-openstack-image-size", data.length)
                        .put(file(id))
                        .statusCode())
                .as("a correct upload still works afterwards")
                .isEqualTo(204);
    }

    @Test
    void aClientThatGoesAwayMidUploadLeavesTheImageQueuedWithNoData() throws Exception {
        for (String store : List.of("file", "s3")) {
            String id = newImage("alice", "raw");
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("PUT " + file(id) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                                + Tokens.forUser("alice") + "\r\nContent-Type: " + OCTETS + "\r\nX-Image-Meta-Store: "
                                + store
                                + "\r\nContent-Length: " + (4 * 1024 * 1024) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(random(1024 * 1024));
                out.flush();
                awaitStatus(id, "saving");
            }
            awaitStatus(id, "queued");
            assertQueuedWithoutData(id);
        }
    }

    @Test
    void anImageDeletedDuringItsUploadIs410AndItsDataRemoved() throws Exception {
        String id = newImage("alice", "raw");
        byte[] half = random(512 * 1024);
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + file(id) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                            + Tokens.forUser("alice") + "\r\nContent-Type: " + OCTETS + "\r\nContent-Length: "
                            + (2 * half.length) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(half);
            out.flush();
            awaitStatus(id, "saving");
            assertThat(as("alice").delete("/v2/images/" + id).statusCode()).isEqualTo(204);
            out.write(half);
            out.flush();
            String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(statusLine).isEqualTo("HTTP/1.1 410");
        }
        assertThat(show("alice", id).statusCode()).isEqualTo(404);
        assertThat(Files.exists(fileStoreDirectory().resolve(id))).isFalse();
    }

    @Test
    void theSizeCapIs413AndReverts() {
        // %test caps uploads at 8 MiB (application.properties), chunked so the cap is found while streaming.
        byte[] data = random(8 * 1024 * 1024 + 1);
        for (String store : List.of("file", "s3")) {
            String id = newImage("alice", "raw");
            Response tooLarge = as("alice")
                    .contentType(OCTETS)
                    .header("X-Image-Meta-Store", store)
                    .body(new ByteArrayInputStream(data))
                    .put(file(id));
            assertThat(tooLarge.statusCode())
                    .as(store + ": " + tooLarge.asString())
                    .isEqualTo(413);
            assertQueuedWithoutData(id);
        }
    }

    @Test
    void qemuImagesAreInspectedAndUnsafeOrMismatchedOnesRefused() throws Exception {
        Path qcow2 = qemuImg("create", "-f", "qcow2", work.resolve("disk.qcow2").toString(), "64M");
        String good = newImage("alice", "qcow2");
        assertThat(upload("alice", good, Files.readAllBytes(qcow2))
                        .put(file(good))
                        .statusCode())
                .isEqualTo(204);
        Response shown = show("alice", good);
        assertThat(shown.jsonPath().getLong("virtual_size")).isEqualTo(64L * 1024 * 1024);
        assertThat(shown.jsonPath().getString("glimpse_detected_format")).isEqualTo("qcow2");

        Path vmdk = qemuImg("create", "-f", "vmdk", work.resolve("disk.vmdk").toString(), "32M");
        String vmdkImage = newImage("alice", "vmdk");
        assertThat(upload("alice", vmdkImage, Files.readAllBytes(vmdk))
                        .put(file(vmdkImage))
                        .statusCode())
                .isEqualTo(204);
        assertThat(show("alice", vmdkImage).jsonPath().getLong("virtual_size")).isEqualTo(32L * 1024 * 1024);

        String mislabelled = newImage("alice", "raw");
        Response mismatch =
                upload("alice", mislabelled, Files.readAllBytes(qcow2)).put(file(mislabelled));
        assertThat(mismatch.statusCode()).as(mismatch.asString()).isEqualTo(415);
        assertQueuedWithoutData(mislabelled);

        Path base = Files.write(work.resolve("base.raw"), new byte[1024 * 1024]);
        Path evil = qemuImg(
                "create",
                "-f",
                "qcow2",
                "-b",
                base.toString(),
                "-F",
                "raw",
                work.resolve("evil.qcow2").toString());
        for (String store : List.of("file", "s3")) {
            String malicious = newImage("alice", "qcow2");
            Response refused = upload("alice", malicious, Files.readAllBytes(evil))
                    .header("X-Image-Meta-Store", store)
                    .put(file(malicious));
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(415);
            assertQueuedWithoutData(malicious);
        }
    }

    @Test
    void anUnreachableSignatureServiceFailsTheUploadCleanly() {
        byte[] data = random(10_000);
        String id = createId(
                "alice",
                Map.of(
                        "name",
                        unique("signed"),
                        "disk_format",
                        "raw",
                        "container_format",
                        "bare",
                        "img_signature",
                        "c2lnbmF0dXJl",
                        "img_signature_hash_method",
                        "SHA-256",
                        "img_signature_key_type",
                        "RSA-PSS",
                        "img_signature_certificate_uuid",
                        "3f8e9f5a-0000-4000-8000-000000000000"));
        Response failed = upload("alice", id, data).put(file(id));
        assertThat(failed.statusCode()).as(failed.asString()).isEqualTo(503);
        assertQueuedWithoutData(id);
    }

    @Test
    void deactivatedImagesAreOnlyForAdmins() {
        byte[] data = random(2048);
        String id = newImage("alice", "raw");
        assertThat(upload("alice", id, data).put(file(id)).statusCode()).isEqualTo(204);
        assertThat(as("admin").post("/v2/images/" + id + "/actions/deactivate").statusCode())
                .isEqualTo(204);

        assertThat(download("alice").get(file(id)).statusCode()).isEqualTo(403);
        assertThat(download("admin").get(file(id)).asByteArray()).isEqualTo(data);
        // Glance drops a deactivated image's locations for everyone but an admin, and its stores with them.
        assertThat(show("alice", id).jsonPath().getMap("$")).doesNotContainKey("stores");
        assertThat(show("admin", id).jsonPath().getString("stores")).isEqualTo("file");

        assertThat(as("admin").post("/v2/images/" + id + "/actions/reactivate").statusCode())
                .isEqualTo(204);
        assertThat(show("alice", id).jsonPath().getString("stores")).isEqualTo("file");
    }

    @Test
    void storesInfoAndDeletingFromOneStore() {
        Response listed = as("alice").get("/v2/info/stores");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.jsonPath().getList("stores.id")).containsExactlyInAnyOrder("file", "s3");
        assertThat(listed.jsonPath().getString("stores.find { it.id == 'file' }.default"))
                .isEqualTo("true");
        assertThat(as("alice").get("/v2/info/stores/detail").statusCode()).isEqualTo(403);
        Response detail = as("admin").get("/v2/info/stores/detail");
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.jsonPath().getString("stores.find { it.id == 's3' }.type"))
                .isEqualTo("s3");
        assertThat(detail.jsonPath().getString("stores.find { it.id == 's3' }.properties.s3_store_bucket"))
                .isEqualTo(s3Bucket());
        // Every store shows its weight, as current Glance does (0 where none is configured: OperatorStoresTest).
        assertThat(detail.jsonPath().getList("stores.weight")).containsExactlyInAnyOrder(100, 50);
        // stores_info_detail is "admin or service" since Glance 2025.1 (25.1 still says admin only): ADR 0009.
        assertThat(asService().get("/v2/info/stores/detail").statusCode()).isEqualTo(200);

        byte[] data = random(4096);
        String id = newImage("alice", "raw");
        assertThat(as("admin").delete("/v2/stores/file/" + id).statusCode())
                .as("not active")
                .isEqualTo(409);
        assertThat(upload("alice", id, data).put(file(id)).statusCode()).isEqualTo(204);
        assertThat(as("admin").delete("/v2/stores/nowhere/" + id).statusCode()).isEqualTo(409);
        assertThat(as("admin").delete("/v2/stores/s3/" + id).statusCode()).isEqualTo(404);
        assertThat(as("admin").delete("/v2/stores/file/" + id).statusCode())
                .as("only copy")
                .isEqualTo(403);
        assertThat(as("alice").delete("/v2/stores/file/" + id).statusCode())
                .as("policy")
                .isEqualTo(403);

        // A second copy, as an import to another store would add it.
        ImageFixtures.sql(
                "update images set locations = jsonb_set(locations, '{items}', locations->'items' || ?::jsonb)"
                        + " where id = ?",
                "[{\"url\":\"s3://" + s3Bucket() + "/" + id + "\",\"store\":\"s3\",\"status\":\"active\"}]",
                id);
        assertThat(show("alice", id).jsonPath().getString("stores")).isEqualTo("file,s3");
        assertThat(as("admin").delete("/v2/stores/file/" + id).statusCode()).isEqualTo(204);
        assertThat(show("alice", id).jsonPath().getString("stores")).isEqualTo("s3");
        assertThat(Files.exists(fileStoreDirectory().resolve(id))).isFalse();
    }

    @Test
    void anUploadAnnouncesPrepareUploadAndActivateAndAFailedOneItsRevert() {
        byte[] data = random(5000);
        String id = newImage("alice", "raw");
        assertThat(upload("alice", id, data)
                        .header("x-openstack-image-size", 1)
                        .put(file(id))
                        .statusCode())
                .isEqualTo(400);
        assertThat(upload("alice", id, data).put(file(id)).statusCode()).isEqualTo(204);

        try (TopicReader reader = new TopicReader(Topics.IMAGES)) {
            List<ConsumerRecord<String, String>> records =
                    reader.awaitRecords(id, r -> r.size() >= 6, Duration.ofSeconds(60));
            assertThat(records)
                    .extracting(r -> TopicReader.header(r, "ce_type").orElseThrow())
                    .containsExactly(
                            "image.create",
                            "image.prepare",
                            "image.update",
                            "image.prepare",
                            "image.upload",
                            "image.activate");
            List<ImageEventData> events = records.stream()
                    .map(r -> EventJson.read(r.value(), ImageEventData.class))
                    .toList();
            assertThat(events).extracting(ImageEventData::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(events)
                    .extracting(event -> event.image().status().wire())
                    .containsExactly("queued", "saving", "queued", "saving", "active", "active");
            assertThat(events.get(5).image().checksum()).isEqualTo(hex("MD5", data));
            assertThat(events.get(5).image().size()).isEqualTo(5000L);
        }
    }

    @Test
    void readinessProbesEveryStore() {
        Response ready = RestAssured.get("/q/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.asString()).contains("image stores");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void assertQueuedWithoutData(String id) {
        Response shown = show("alice", id);
        assertThat(shown.jsonPath().getString("status")).isEqualTo("queued");
        assertThat(shown.jsonPath().getString("size")).isNull();
        assertThat(shown.jsonPath().getString("virtual_size")).isNull();
        assertThat(shown.jsonPath().getString("checksum")).isNull();
        assertThat(shown.jsonPath().getString("stores")).isNull();
        assertThat(Files.exists(fileStoreDirectory().resolve(id)))
                .as("file store")
                .isFalse();
        try (Stream<Path> partials = Files.list(fileStoreDirectory())) {
            assertThat(partials.map(Path::getFileName).map(Path::toString).filter(name -> name.contains(id)))
                    .as("partial files")
                    .isEmpty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(inS3(id)).as("s3 store").isFalse();
    }

    private static void awaitStatus(String id, String status) throws InterruptedException {
        for (int i = 0; i < 200 && !status.equals(show("alice", id).jsonPath().getString("status")); i++) {
            Thread.sleep(100);
        }
        assertThat(show("alice", id).jsonPath().getString("status")).isEqualTo(status);
    }

    private boolean inS3(String id) {
        return stores.get("s3").exists("s3://" + s3Bucket() + "/" + id);
    }

    private String s3Bucket() {
        return ((S3ImageStore) stores.get("s3")).bucket();
    }

    private Path fileStoreDirectory() {
        return ((FileImageStore) stores.get("file")).directory();
    }

    private static String newImage(String user, String diskFormat) {
        return createId(user, Map.of("name", unique("data"), "disk_format", diskFormat, "container_format", "bare"));
    }

    private static RequestSpecification upload(String user, String id, byte[] data) {
        return as(user).contentType(OCTETS).body(data);
    }

    private static RequestSpecification download(String user) {
        return RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.forUser(user))
                .accept("*/*");
    }

    private static String file(String id) {
        return "/v2/images/" + id + "/file";
    }

    private static byte[] random(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        return data;
    }

    static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path qemuImg(String... arguments) throws IOException, InterruptedException {
        String[] command =
                Stream.concat(Stream.of("qemu-img"), Arrays.stream(arguments)).toArray(String[]::new);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        String target = Arrays.stream(arguments)
                .filter(argument -> argument.startsWith(work.toString()) && !argument.endsWith(".raw"))
                .reduce((a, b) -> b)
                .orElseThrow();
        return Path.of(target);
    }
}
