package io.glimpse.catalog.rest;

import io.glimpse.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** catalog-service on its own, against real PostgreSQL, Kafka and Keycloak tokens. */
@QuarkusTest
class ImageResourceTest {

    private static Response create(String user, Object body) {
        return RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.forUser(user))
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON)
                .body(body)
                .post("/v2/images");
    }

    @Test
    void createdImageHasGlanceDefaults() {
        Response created = create("alice", Map.of("name", "defaults"));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.jsonPath().getMap(""))
                .containsEntry("status", "queued")
                .containsEntry("visibility", "shared")
                .containsEntry("protected", false)
                .containsEntry("os_hidden", false)
                .containsEntry("min_disk", 0)
                .containsEntry("min_ram", 0)
                .containsEntry("size", null)
                .containsEntry("owner", "project-a");
        assertThat(created.jsonPath().getList("tags")).isEmpty();
        assertThat(created.jsonPath().getString("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void createAnswersTheExactKeySetAndTheGlanceHeaders() {
        Response created = create("alice", Map.of("name", "keys", "disk_format", "qcow2", "container_format", "bare"));

        String id = created.jsonPath().getString("id");
        assertThat(created.jsonPath().getMap(""))
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
        assertThat(created.jsonPath().getString("self")).isEqualTo("/v2/images/" + id);
        assertThat(created.jsonPath().getString("file")).isEqualTo("/v2/images/" + id + "/file");
        assertThat(created.jsonPath().getString("schema")).isEqualTo("/v2/schemas/image");
        assertThat(created.header("Location")).isEqualTo("http://127.0.0.1:9292/v2/images/" + id);
        assertThat(created.header("OpenStack-image-import-methods")).isEqualTo("glance-direct,web-download,copy-image");
        // Multi-store: the ids of the configured stores (here the test profile's), as Glance announces them.
        assertThat(created.header("OpenStack-image-store-ids")).isEqualTo("file,s3");
    }

    @Test
    void bodiesThatAreNotObjectsAre400() {
        var spec = RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.forUser("alice"))
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON);

        assertThat(spec.body("").post("/v2/images").statusCode()).isEqualTo(400);
        assertThat(spec.body("{\"name\":").post("/v2/images").statusCode()).isEqualTo(400);
        assertThat(spec.body("\"just a string\"").post("/v2/images").statusCode())
                .isEqualTo(400);
    }

    @Test
    void quotasAre413AndLongPropertyNames400() {
        Map<String, Object> properties = new java.util.HashMap<>();
        java.util.stream.IntStream.range(0, 129).forEach(i -> properties.put("p" + i, "v"));
        Map<String, Object> atQuota = new java.util.HashMap<>(properties);
        atQuota.keySet().removeIf(key -> key.equals("p0"));

        assertThat(create("alice", properties).statusCode()).isEqualTo(413);
        assertThat(create("alice", atQuota).statusCode()).isEqualTo(201);
        assertThat(create(
                                "alice",
                                Map.of(
                                        "tags",
                                        java.util.stream.IntStream.range(0, 129)
                                                .mapToObj(i -> "t" + i)
                                                .toList()))
                        .statusCode())
                .isEqualTo(413);
        assertThat(create("alice", Map.of("k".repeat(256), "v")).statusCode()).isEqualTo(400);
        assertThat(create("alice", Map.of("name", "n".repeat(256))).statusCode())
                .isEqualTo(400);
        assertThat(create("alice", Map.of("tags", java.util.List.of("t".repeat(256))))
                        .statusCode())
                .isEqualTo(400);
        assertThat(create("alice", Map.of("container_format", "crate")).statusCode())
                .isEqualTo(400);
        assertThat(create("alice", Map.of("self", "x")).statusCode()).isEqualTo(403);
        assertThat(create("alice", Map.of("locations", java.util.List.of())).statusCode())
                .isEqualTo(403);
    }

    @Test
    void additionalPropertiesAreStringsAndTagsAreDeduplicated() {
        Response created = create("alice", Map.of("hw_disk_bus", "scsi", "tags", java.util.List.of("x", "x", "y")));

        assertThat(created.jsonPath().getString("hw_disk_bus")).isEqualTo("scsi");
        assertThat(created.jsonPath().getList("tags")).containsExactlyInAnyOrder("x", "y");
        assertThat(create("alice", Map.of("hw_disk_bus", 5)).statusCode()).isEqualTo(400);
    }

    @Test
    void readOnlyAndReservedKeysAreForbidden() {
        Response readOnly = create("alice", Map.of("status", "active"));
        Response reserved = create("alice", Map.of("os_glance_foo", "bar"));

        assertThat(readOnly.statusCode()).isEqualTo(403);
        assertThat(readOnly.jsonPath().getString("message")).contains("Attribute 'status' is read-only.");
        assertThat(reserved.statusCode()).isEqualTo(403);
        assertThat(reserved.jsonPath().getString("message")).contains("Attribute 'os_glance_foo' is reserved.");
    }

    @Test
    void schemaViolationsAre400() {
        assertThat(create("alice", Map.of("visibility", "everyone")).statusCode())
                .isEqualTo(400);
        assertThat(create("alice", Map.of("min_ram", -1)).statusCode()).isEqualTo(400);
        assertThat(create("alice", Map.of("min_disk", 4_294_967_296L)).statusCode())
                .isEqualTo(400);
        assertThat(create("alice", Map.of("disk_format", "floppy")).statusCode())
                .isEqualTo(400);
        assertThat(create("alice", Map.of("id", "not-a-uuid")).statusCode()).isEqualTo(400);
        assertThat(create("alice", "[1,2]").statusCode()).isEqualTo(400);
    }

    @Test
    void ownersAndVisibilityFollowPolicy() {
        assertThat(create("alice", Map.of("owner", "project-b")).statusCode()).isEqualTo(403);
        assertThat(create("admin", Map.of("owner", "project-b")).jsonPath().getString("owner"))
                .isEqualTo("project-b");
        assertThat(create("alice", Map.of("visibility", "public")).statusCode()).isEqualTo(403);
        assertThat(create("admin", Map.of("visibility", "public")).statusCode()).isEqualTo(201);
        assertThat(create("alice", Map.of("visibility", "community")).statusCode())
                .isEqualTo(201);
        assertThat(create("carol", Map.of("name", "reader")).statusCode()).isEqualTo(403);
    }

    @Test
    void aChosenIdIsKeptAndCannotBeTakenTwice() {
        String id = UUID.randomUUID().toString();

        assertThat(create("alice", Map.of("id", id)).jsonPath().getString("id")).isEqualTo(id);
        assertThat(create("alice", Map.of("id", id)).statusCode()).isEqualTo(409);
    }

    @Test
    void showHidesImagesTheCallerMayNotSee() {
        String privateId =
                create("alice", Map.of("visibility", "private")).jsonPath().getString("id");
        String publicId =
                create("admin", Map.of("visibility", "public")).jsonPath().getString("id");

        assertThat(show("alice", privateId)).isEqualTo(200);
        assertThat(show("carol", privateId)).isEqualTo(200);
        assertThat(show("bob", privateId)).isEqualTo(404);
        assertThat(show("bob", publicId)).isEqualTo(200);
        assertThat(show("bob", UUID.randomUUID().toString())).isEqualTo(404);
        assertThat(RestAssured.get("/v2/images/" + privateId).statusCode()).isEqualTo(401);
    }

    private static int show(String user, String id) {
        return RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.forUser(user))
                .get("/v2/images/" + id)
                .statusCode();
    }
}
