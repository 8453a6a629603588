package io.glimpse.systemtests;

import io.glimpse.testsupport.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The walking skeleton: create and show an image through the gateway with real tokens. */
class ImageCreateAndShowTest extends ThroughTheGateway {

    @Test
    void createAnswers201WithTheGlanceRepresentationAndShowReturnsIt() {
        String name = uniqueName("skeleton");
        Response created =
                createImage("alice", Map.of("name", name, "disk_format", "qcow2", "container_format", "bare"));

        assertThat(created.statusCode()).isEqualTo(201);
        Map<String, Object> image = created.jsonPath().getMap("");
        assertThat(image)
                .containsOnlyKeys(
                        "id",
                        "name",
                        "status",
                        "visibility",
                        "protected",
                        "os_hidden",
                        "checksum",
                        "os_hash_algo",
                        "os_hash_value",
                        "size",
                        "virtual_size",
                        "disk_format",
                        "container_format",
                        "min_disk",
                        "min_ram",
                        "owner",
                        "tags",
                        "created_at",
                        "updated_at",
                        "self",
                        "file",
                        "schema");
        assertThat(image)
                .containsEntry("name", name)
                .containsEntry("status", "queued")
                .containsEntry("visibility", "shared")
                .containsEntry("owner", "project-a");
        String id = (String) image.get("id");
        assertThat(created.header("Location")).isEqualTo("http://127.0.0.1:9292/v2/images/" + id);
        assertThat(created.header("OpenStack-image-import-methods")).isEqualTo("glance-direct,web-download,copy-image");
        assertThat(created.header("OpenStack-image-store-ids")).isEqualTo("file,s3");
        assertThat(created.header("x-openstack-request-id")).startsWith("req-");

        Response shown = as("alice").get("/v2/images/" + id);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.jsonPath().getMap("")).isEqualTo(image);
    }

    @Test
    void bearerTokensWorkLikeXAuthToken() {
        Response created = RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.forUser("bob"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", uniqueName("bearer")))
                .post("/v2/images");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.jsonPath().getString("owner")).isEqualTo("project-b");
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        Response anonymous = RestAssured.given()
                .contentType(ContentType.JSON)
                .body(Map.of("name", "nobody"))
                .post("/v2/images");

        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void anotherProjectsSharedImageIsNotFoundNotForbidden() {
        String id = createImage("alice", Map.of("name", uniqueName("private-to-a")))
                .jsonPath()
                .getString("id");

        assertThat(as("bob").get("/v2/images/" + id).statusCode()).isEqualTo(404);
        assertThat(as("admin").get("/v2/images/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void aReaderCannotCreateImages() {
        Response denied = createImage("carol", Map.of("name", uniqueName("reader")));

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.jsonPath().getString("code")).isEqualTo("403 Forbidden");
    }
}
