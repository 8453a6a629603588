package io.glimpse.systemtests;

import io.glimpse.systemtests.GlanceCliTest.CliResult;
import io.glimpse.testsupport.GlimpseSuite;
import io.glimpse.testsupport.Tokens;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.glimpse.systemtests.GlanceCliTest.glance;
import static io.glimpse.systemtests.GlanceCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The legacy location commands of the Debian {@code glance} CLI (PATCH on {@code /locations}, glance-v2-api.md §7.2)
 * against a catalog-service restarted with {@code show_multiple_locations} and {@code show_image_direct_url} on, as
 * an operator running an internal API for other services would; restarted with the defaults afterwards.
 */
class GlanceCliLocationsTest extends ThroughTheGateway {

    @BeforeAll
    static void showLocations() {
        GlimpseSuite.glimpse("stop", "catalog-service");
        GlimpseSuite.glimpseWith(
                Map.of(
                        "GLIMPSE_CATALOG_LOCATIONS_SHOW_MULTIPLE_LOCATIONS",
                        "true",
                        "GLIMPSE_CATALOG_LOCATIONS_SHOW_IMAGE_DIRECT_URL",
                        "true"),
                "start",
                "catalog-service");
    }

    @AfterAll
    static void restoreTheDefaults() {
        GlimpseSuite.glimpse("stop", "catalog-service");
        GlimpseSuite.glimpse("start", "catalog-service");
    }

    @Test
    void addUpdateAndDeleteLocationsWithTheGlanceCli() throws Exception {
        String alice = Tokens.forUser("alice");
        byte[] data = random(1024 * 1024 + 3, 1);
        String fileUrl = locationOfUploaded(data, "file");
        String s3Url = locationOfUploaded(data, "s3");
        String id = createImage(
                        "alice",
                        Map.of("name", uniqueName("cli-locations"), "disk_format", "raw", "container_format", "bare"))
                .jsonPath()
                .getString("id");

        glance(alice, "location-add", id, "--url", fileUrl, "--metadata", "{\"purpose\": \"primary\"}");
        Response added = as("alice").get("/v2/images/" + id);
        assertThat(added.jsonPath().getString("status")).isEqualTo("active");
        assertThat(added.jsonPath().getLong("size")).isEqualTo(data.length);
        assertThat(added.jsonPath().getString("direct_url")).isEqualTo(fileUrl);
        assertThat(added.jsonPath().getString("locations[0].metadata.purpose")).isEqualTo("primary");

        glance(alice, "location-add", id, "--url", s3Url);
        glance(alice, "location-update", id, "--url", fileUrl, "--metadata", "{\"purpose\": \"relabelled\"}");
        Response updated = as("alice").get("/v2/images/" + id);
        assertThat(updated.jsonPath().getList("locations.url")).containsExactlyInAnyOrder(fileUrl, s3Url);
        assertThat(updated.jsonPath().getString("locations.find { it.url == '" + fileUrl + "' }.metadata.purpose"))
                .isEqualTo("relabelled");
        assertThat(updated.jsonPath().getString("stores")).contains("file").contains("s3");

        CliResult notAdmin = run(alice, "location-delete", id, "--url", s3Url);
        assertThat(notAdmin.exitCode()).as(notAdmin.output()).isNotZero();
        assertThat(notAdmin.output()).contains("403");
        glance(Tokens.forUser("admin"), "location-delete", id, "--url", s3Url);
        assertThat(as("alice").get("/v2/images/" + id).jsonPath().getList("locations.url"))
                .containsExactly(fileUrl);

        assertThat(as("alice").accept("*/*").get("/v2/images/" + id + "/file").asByteArray())
                .isEqualTo(data);
        CliResult bogus = run(alice, "location-add", id, "--url", "gopher://info.cern.ch");
        assertThat(bogus.exitCode()).isNotZero();
        assertThat(bogus.output()).contains("400");
    }

    /** Uploads the data as a new image of alice to {@code store}; the URL its location shows. */
    private static String locationOfUploaded(byte[] data, String store) {
        String id = createImage(
                        "alice",
                        Map.of(
                                "name",
                                uniqueName("cli-location-source"),
                                "disk_format",
                                "raw",
                                "container_format",
                                "bare"))
                .jsonPath()
                .getString("id");
        assertThat(as("alice")
                        .contentType("application/octet-stream")
                        .header("X-Image-Meta-Store", store)
                        .body(data)
                        .put("/v2/images/" + id + "/file")
                        .statusCode())
                .isEqualTo(204);
        List<String> urls = as("alice").get("/v2/images/" + id).jsonPath().getList("locations.url");
        assertThat(urls).hasSize(1);
        return urls.getFirst();
    }

    private static byte[] random(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }
}
