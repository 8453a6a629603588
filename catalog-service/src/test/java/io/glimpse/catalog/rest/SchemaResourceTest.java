package io.glimpse.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.glimpse.catalog.Api.as;
import static io.glimpse.catalog.Api.create;
import static io.glimpse.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** /v2/schemas/image(s) (§13.1) and the operator's typed properties (§2.2). */
@QuarkusTest
class SchemaResourceTest {

    @Test
    void imageSchemaNamesItselfAndMarksTypedPropertiesAsNotBase() {
        Response schema = as("carol").get("/v2/schemas/image");

        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.jsonPath().getString("name")).isEqualTo("image");
        assertThat(schema.jsonPath().getMap("additionalProperties")).containsEntry("type", "string");
        assertThat(schema.jsonPath().getMap("properties"))
                .containsKeys(
                        "id",
                        "name",
                        "status",
                        "visibility",
                        "protected",
                        "os_hidden",
                        "tags",
                        "min_ram",
                        "min_disk",
                        "disk_format",
                        "container_format",
                        "locations");
        assertThat(schema.jsonPath().getBoolean("properties.ramdisk_id.is_base"))
                .isFalse();
        assertThat(schema.jsonPath().getList("properties.disk_format.enum")).contains(null, "qcow2", "raw");
        assertThat(schema.jsonPath().getList("links.rel")).containsExactly("self", "enclosure", "describedby");
    }

    @Test
    void imagesSchemaNamesItself() {
        Response schema = as("alice").get("/v2/schemas/images");

        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.jsonPath().getString("name")).isEqualTo("images");
        assertThat(schema.jsonPath().getMap("properties")).containsKeys("images", "first", "next", "schema");
    }

    @Test
    void typedPropertiesAreEnforcedAtCreate() {
        Response good = create(
                "alice",
                Map.of(
                        "name",
                        unique("typed"),
                        "ramdisk_id",
                        "00000000-1111-2222-3333-444455556666",
                        "cinder_encryption_key_deletion_policy",
                        "do_not_delete"));
        assertThat(good.statusCode()).isEqualTo(201);
        assertThat(good.jsonPath().getString("ramdisk_id")).isEqualTo("00000000-1111-2222-3333-444455556666");

        assertThat(create("alice", Map.of("ramdisk_id", "nope")).statusCode()).isEqualTo(400);
        assertThat(create("alice", Map.of("cinder_encryption_key_deletion_policy", "later"))
                        .statusCode())
                .isEqualTo(400);
    }
}
