package io.glimpse.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.glimpse.catalog.Api.PATCH_V20;
import static io.glimpse.catalog.Api.PATCH_V21;
import static io.glimpse.catalog.Api.as;
import static io.glimpse.catalog.Api.createId;
import static io.glimpse.catalog.Api.draft04;
import static io.glimpse.catalog.Api.op;
import static io.glimpse.catalog.Api.patch;
import static io.glimpse.catalog.Api.remove;
import static io.glimpse.catalog.Api.show;
import static io.glimpse.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** PATCH /v2/images/{id} (glance-v2-api.md §3.3) in both media types. */
@QuarkusTest
class ImagePatchTest {

    private static String image() {
        return createId("alice", Map.of("name", unique("patch"), "hw_disk_bus", "scsi"));
    }

    @Test
    void draft04ReplaceOfTheNameIsShownAfterwards() {
        String id = image();

        Response patched = patch("alice", id, PATCH_V20, List.of(draft04("replace", "/name", "renamed")));

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(patched.jsonPath().getString("name")).isEqualTo("renamed");
        assertThat(show("alice", id).jsonPath().getString("name")).isEqualTo("renamed");
    }

    @Test
    void otherMediaTypesAre415WithAcceptPatch() {
        String id = image();

        Response rejected = as("alice")
                .contentType("application/json")
                .body(List.of(op("replace", "/name", "x")))
                .patch("/v2/images/" + id);

        assertThat(rejected.statusCode()).isEqualTo(415);
        assertThat(rejected.header("Accept-Patch"))
                .isEqualTo(
                        "application/openstack-images-v2.0-json-patch, application/openstack-images-v2.1-json-patch");
    }

    @Test
    void bodyStructureErrorsAre400() {
        String id = image();

        assertThat(patch("alice", id, PATCH_V21, Map.of("op", "add")).statusCode())
                .isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V21, List.of("add")).statusCode()).isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V21, List.of(Map.of("op", "move", "path", "/name")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V21, List.of(Map.of("path", "/name", "value", "x")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V21, List.of(Map.of("op", "replace", "path", "/name")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V20, List.of(Map.of("add", "/a", "replace", "/b", "value", "x")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V20, List.of(Map.of("value", "x"))).statusCode())
                .isEqualTo(400);
        assertThat(as("alice")
                        .contentType(PATCH_V21)
                        .body("[{".getBytes())
                        .patch("/v2/images/" + id)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void jsonPointersAreStrict() {
        String id = image();
        for (String pointer : List.of("name", "//name", "/name/", "/", "/a/b", "/x~2y", "/x~")) {
            Response response = patch("alice", id, PATCH_V21, List.of(op("add", pointer, "v")));
            assertThat(response.statusCode()).as(pointer).isEqualTo(400);
        }
        Response escaped = patch("alice", id, PATCH_V21, List.of(op("add", "/a~1b~0c", "v")));
        assertThat(escaped.statusCode()).isEqualTo(200);
        assertThat(escaped.jsonPath().getMap("")).containsEntry("a/b~c", "v");
    }

    @Test
    void readOnlyAndReservedRootsAre403() {
        String id = image();

        for (String root : List.of("status", "id", "checksum", "size", "self", "created_at", "stores")) {
            Response response = patch("alice", id, PATCH_V21, List.of(op("replace", "/" + root, "x")));
            assertThat(response.statusCode()).as(root).isEqualTo(403);
            assertThat(response.jsonPath().getString("message")).contains("is read-only");
        }
        Response reserved = patch("alice", id, PATCH_V20, List.of(draft04("add", "/os_glance_foo", "bar")));
        assertThat(reserved.statusCode()).isEqualTo(403);
        assertThat(reserved.jsonPath().getString("message")).contains("Attribute 'os_glance_foo' is reserved.");
        assertThat(patch("alice", id, PATCH_V21, List.of(op("add", "/deleted_at", "x")))
                        .statusCode())
                .isEqualTo(403);
        assertThat(patch(
                                "alice",
                                id,
                                PATCH_V21,
                                List.of(op("add", "/locations/-", Map.of("url", "http://x", "metadata", Map.of()))))
                        .statusCode())
                .isEqualTo(403);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("add", "/locations", List.of())))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void valuesAreCheckedAgainstTheSchema() {
        String id = image();

        assertThat(patch("alice", id, PATCH_V21, List.of(op("replace", "/min_ram", -1)))
                        .statusCode())
                .isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("replace", "/protected", "yes")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("replace", "/visibility", "everyone")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("add", "/custom", 5)))
                        .statusCode())
                .isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("add", "/" + "k".repeat(256), "v")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("replace", "/tags", List.of("t".repeat(256)))))
                        .statusCode())
                .isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("add", "/ramdisk_id", "not-a-uuid")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("add", "/cinder_encryption_key_deletion_policy", "never")))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void replaceAddAndRemoveFollowGlanceSemantics() {
        String id = image();

        Response missing = patch("alice", id, PATCH_V21, List.of(op("replace", "/missing", "x")));
        assertThat(missing.statusCode()).isEqualTo(409);
        assertThat(missing.jsonPath().getString("message")).contains("Property missing does not exist.");
        assertThat(patch("alice", id, PATCH_V21, List.of(remove("/missing"))).statusCode())
                .isEqualTo(409);
        Response baseRemoval = patch("alice", id, PATCH_V21, List.of(remove("/name")));
        assertThat(baseRemoval.statusCode()).isEqualTo(403);
        assertThat(baseRemoval.jsonPath().getString("message")).contains("Property name may not be removed.");

        assertThat(patch("alice", id, PATCH_V20, List.of(draft04("add", "/hw_disk_bus", "ide")))
                        .statusCode())
                .isEqualTo(409);
        assertThat(patch("alice", id, PATCH_V20, List.of(draft04("add", "/name", "x")))
                        .statusCode())
                .isEqualTo(409);
        Response overwritten =
                patch("alice", id, PATCH_V21, List.of(op("add", "/hw_disk_bus", "ide"), op("add", "/name", "n2")));
        assertThat(overwritten.statusCode()).isEqualTo(200);
        assertThat(overwritten.jsonPath().getString("hw_disk_bus")).isEqualTo("ide");
        assertThat(overwritten.jsonPath().getString("name")).isEqualTo("n2");

        Response applied = patch(
                "alice",
                id,
                PATCH_V21,
                List.of(
                        op("replace", "/hw_disk_bus", "virtio"),
                        op("add", "/os_distro", "debian"),
                        remove("/hw_disk_bus"),
                        op("replace", "/tags", List.of("a", "b", "a")),
                        op("replace", "/min_disk", 3),
                        op("replace", "/protected", true),
                        op("replace", "/protected", false),
                        op("replace", "/os_hidden", true)));
        assertThat(applied.statusCode()).isEqualTo(200);
        assertThat(applied.jsonPath().getMap(""))
                .doesNotContainKey("hw_disk_bus")
                .containsEntry("os_distro", "debian")
                .containsEntry("min_disk", 3)
                .containsEntry("protected", false)
                .containsEntry("os_hidden", true);
        assertThat(applied.jsonPath().getList("tags")).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aFailingOperationLeavesTheImageUnchanged() {
        String id = image();

        Response failed =
                patch("alice", id, PATCH_V21, List.of(op("replace", "/name", "half"), op("replace", "/nope", "x")));

        assertThat(failed.statusCode()).isEqualTo(409);
        assertThat(show("alice", id).jsonPath().getString("name")).startsWith("patch-");
    }

    @Test
    void anEmptyPatchIs200WithNoChange() {
        String id = image();
        String before = show("alice", id).jsonPath().getString("updated_at");

        Response patched = patch("alice", id, PATCH_V21, List.of());

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(patched.jsonPath().getString("updated_at")).isEqualTo(before);
    }

    @Test
    void ownerIsAdminOnlyAndFormatsOnlyWhileQueued() {
        String id = image();

        Response denied = patch("alice", id, PATCH_V21, List.of(op("replace", "/owner", "project-b")));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.jsonPath().getString("message")).contains("Owner can't be updated by non admin.");
        assertThat(patch("alice", id, PATCH_V21, List.of(op("replace", "/disk_format", "raw")))
                        .statusCode())
                .isEqualTo(200);

        Response byAdmin = patch("admin", id, PATCH_V20, List.of(draft04("replace", "/owner", "project-b")));
        assertThat(byAdmin.statusCode()).isEqualTo(200);
        assertThat(byAdmin.jsonPath().getString("owner")).isEqualTo("project-b");
        assertThat(show("bob", id).statusCode()).isEqualTo(200);
    }

    @Test
    void formatsCannotChangeOnceActive() {
        String id = ImageFixtures.activeImage(
                "alice", Map.of("name", unique("active"), "disk_format", "raw", "container_format", "bare"));

        Response denied = patch("alice", id, PATCH_V21, List.of(op("replace", "/disk_format", "qcow2")));

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("replace", "/container_format", "ova")))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void visibilityChangesFollowPolicy() {
        String id = image();

        assertThat(patch("alice", id, PATCH_V21, List.of(op("replace", "/visibility", "public")))
                        .statusCode())
                .isEqualTo(403);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("replace", "/visibility", "community")))
                        .jsonPath()
                        .getString("visibility"))
                .isEqualTo("community");
        assertThat(patch("alice", id, PATCH_V21, List.of(op("replace", "/visibility", "private")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(patch("admin", id, PATCH_V21, List.of(op("replace", "/visibility", "public")))
                        .jsonPath()
                        .getString("visibility"))
                .isEqualTo("public");
    }

    @Test
    void whoMayPatch() {
        String id = image();

        assertThat(patch("bob", id, PATCH_V21, List.of(op("replace", "/name", "x")))
                        .statusCode())
                .isEqualTo(404);
        assertThat(patch("carol", id, PATCH_V21, List.of(op("replace", "/name", "x")))
                        .statusCode())
                .isEqualTo(403);
        assertThat(patch("admin", id, PATCH_V21, List.of(op("replace", "/name", "x")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(patch("alice", java.util.UUID.randomUUID().toString(), PATCH_V21, List.of())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void quotasAre413() {
        String id = image();
        Map<String, Object> many = new HashMap<>();
        IntStream.range(0, 128).forEach(i -> many.put("p" + i, "v"));
        String full = createId("alice", many);

        assertThat(patch("alice", full, PATCH_V21, List.of(op("add", "/one_more", "v")))
                        .statusCode())
                .isEqualTo(413);
        assertThat(patch("alice", full, PATCH_V21, List.of(op("replace", "/p1", "w")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(patch("alice", full, PATCH_V21, List.of(op("add", "/os_glance_x", "v")))
                        .statusCode())
                .isEqualTo(403);
        List<String> tags = IntStream.range(0, 129).mapToObj(i -> "t" + i).toList();
        assertThat(patch("alice", id, PATCH_V21, List.of(op("replace", "/tags", tags)))
                        .statusCode())
                .isEqualTo(413);
    }
}
