package io.glimpse.systemtests;

import io.glimpse.testsupport.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service-only location API through the gateway (glance-v2-api.md §7.3), as a volume or compute service uses
 * it: it registers data already in a store (here the S3 object of another image) for a queued image, with validation
 * data; catalog hashes it in the background and activates the image only when the hash matches.
 */
class ImageLocationApiTest extends ThroughTheGateway {

    @Test
    void aServiceRegistersExistingDataAndCatalogVerifiesItBeforeActivating() throws Exception {
        byte[] data = new byte[2 * 1024 * 1024 + 5];
        new Random(7).nextBytes(data);
        String source =
                createImage("alice", image("location-source")).jsonPath().getString("id");
        assertThat(as("alice")
                        .contentType("application/octet-stream")
                        .header("X-Image-Meta-Store", "s3")
                        .body(data)
                        .put("/v2/images/" + source + "/file")
                        .statusCode())
                .isEqualTo(204);

        Response sourceLocations = asService().get("/v2/images/" + source + "/locations");
        assertThat(sourceLocations.statusCode()).as(sourceLocations.asString()).isEqualTo(200);
        String url = sourceLocations.jsonPath().getString("[0].url");
        assertThat(url).startsWith("s3://");
        assertThat(sourceLocations.jsonPath().getString("[0].metadata.store")).isEqualTo("s3");
        assertThat(as("alice").get("/v2/images/" + source + "/locations").statusCode())
                .as("users may not")
                .isEqualTo(403);

        String target =
                createImage("alice", image("location-target")).jsonPath().getString("id");
        Response added = asService()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "url",
                        url,
                        "validation_data",
                        Map.of("os_hash_algo", "sha256", "os_hash_value", hex("SHA-256", data))))
                .post("/v2/images/" + target + "/locations");
        assertThat(added.statusCode()).as(added.asString()).isEqualTo(202);

        Response active =
                await(target, image -> "active".equals(image.jsonPath().getString("status")));
        assertThat(active.jsonPath().getLong("size")).isEqualTo(data.length);
        assertThat(active.jsonPath().getString("checksum")).isEqualTo(hex("MD5", data));
        assertThat(active.jsonPath().getString("os_hash_value")).isEqualTo(hex("SHA-512", data));
        assertThat(active.jsonPath().getString("stores")).isEqualTo("s3");
        assertThat(as("alice")
                        .accept("*/*")
                        .get("/v2/images/" + target + "/file")
                        .asByteArray())
                .isEqualTo(data);

        // The source goes; the object stays, because the target still points at it.
        assertThat(as("alice").delete("/v2/images/" + source).statusCode()).isEqualTo(204);
        assertThat(as("alice")
                        .accept("*/*")
                        .get("/v2/images/" + target + "/file")
                        .asByteArray())
                .isEqualTo(data);
    }

    @Test
    void dataThatDoesNotMatchItsValidationDataLeavesTheImageQueued() {
        byte[] data = new byte[300_000];
        new Random(11).nextBytes(data);
        String source =
                createImage("alice", image("location-source")).jsonPath().getString("id");
        as("alice")
                .contentType("application/octet-stream")
                .header("X-Image-Meta-Store", "file")
                .body(data)
                .put("/v2/images/" + source + "/file");
        String url = asService()
                .get("/v2/images/" + source + "/locations")
                .jsonPath()
                .getString("[0].url");

        String target =
                createImage("alice", image("location-target")).jsonPath().getString("id");
        assertThat(asService()
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "url",
                                url,
                                "validation_data",
                                Map.of("os_hash_algo", "md5", "os_hash_value", "00000000000000000000000000000000")))
                        .post("/v2/images/" + target + "/locations")
                        .statusCode())
                .isEqualTo(202);

        Response queued =
                await(target, image -> "queued".equals(image.jsonPath().getString("status")));
        assertThat(queued.jsonPath().getString("size")).isNull();
        assertThat(queued.jsonPath().getString("stores")).isNull();
        assertThat(as("alice")
                        .accept("*/*")
                        .get("/v2/images/" + target + "/file")
                        .statusCode())
                .isEqualTo(204);
        assertThat(as("alice")
                        .accept("*/*")
                        .get("/v2/images/" + source + "/file")
                        .asByteArray())
                .as("the source's data is untouched")
                .isEqualTo(data);
    }

    @Test
    void onlyServicesAddLocationsAndOnlyToQueuedImages() {
        String id = createImage("alice", image("location-rules")).jsonPath().getString("id");
        Map<String, String> body = Map.of("url", "s3://glimpse-images/" + id);
        assertThat(as("alice")
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/v2/images/" + id + "/locations")
                        .statusCode())
                .isEqualTo(403);
        assertThat(as("bob")
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/v2/images/" + id + "/locations")
                        .statusCode())
                .as("cannot see it")
                .isEqualTo(404);
        assertThat(asService()
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/v2/images/" + id + "/locations")
                        .statusCode())
                .as("no object there")
                .isEqualTo(400);
        assertThat(asService()
                        .contentType(ContentType.JSON)
                        .body(Map.of("url", "gopher://info.cern.ch"))
                        .post("/v2/images/" + id + "/locations")
                        .statusCode())
                .isEqualTo(400);
    }

    private static Map<String, Object> image(String name) {
        return Map.of("name", uniqueName(name), "disk_format", "raw", "container_format", "bare");
    }

    /** The svc demo user: the service role, as a compute or volume service's token carries it. */
    private static RequestSpecification asService() {
        return RestAssured.given().header("X-Auth-Token", Tokens.forUser("svc")).accept(ContentType.JSON);
    }

    private static Response await(String id, Predicate<Response> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Response shown = as("alice").get("/v2/images/" + id);
            if (done.test(shown)) {
                return shown;
            }
            assertThat(Instant.now()).as("image %s: %s", id, shown.asString()).isBefore(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
