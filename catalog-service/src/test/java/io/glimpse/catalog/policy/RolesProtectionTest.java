package io.glimpse.catalog.policy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.glimpse.catalog.Api.PATCH_V20;
import static io.glimpse.catalog.Api.PATCH_V21;
import static io.glimpse.catalog.Api.create;
import static io.glimpse.catalog.Api.createId;
import static io.glimpse.catalog.Api.draft04;
import static io.glimpse.catalog.Api.list;
import static io.glimpse.catalog.Api.op;
import static io.glimpse.catalog.Api.patch;
import static io.glimpse.catalog.Api.remove;
import static io.glimpse.catalog.Api.show;
import static io.glimpse.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Property protections with Glance's roles sample (glance-v2-api.md §12): x_* for members, the rest admin-only. */
@QuarkusTest
@TestProfile(ProtectionProfiles.Roles.class)
class RolesProtectionTest {

    /** An image of project-a carrying an admin-only property, made by admin. */
    private static String imageWithSecret(String tag) {
        return createId(
                "admin",
                Map.of(
                        "owner",
                        "project-a",
                        "name",
                        unique("protected-props"),
                        "secret",
                        "s3cr3t",
                        "x_open",
                        "o",
                        "tags",
                        List.of(tag)));
    }

    @Test
    void createNeedsTheCreatePermissionOfEveryProperty() {
        assertThat(create("alice", Map.of("x_mine", "v")).statusCode()).isEqualTo(201);
        Response denied = create("alice", Map.of("secret", "v"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.jsonPath().getString("message")).contains("secret");
        assertThat(create("alice", Map.of("name", unique("base-props-are-free"), "min_ram", 5))
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void unreadablePropertiesAreAbsentFromShowAndList() {
        String tag = unique("prot");
        String id = imageWithSecret(tag);

        assertThat(show("admin", id).jsonPath().getMap(""))
                .containsEntry("secret", "s3cr3t")
                .containsEntry("x_open", "o");
        assertThat(show("alice", id).jsonPath().getMap(""))
                .doesNotContainKey("secret")
                .containsEntry("x_open", "o");
        assertThat(show("carol", id).jsonPath().getMap("")).doesNotContainKeys("secret", "x_open");
        Map<String, Object> listed = list("alice", "tag=" + tag).jsonPath().getMap("images[0]");
        assertThat(listed).containsEntry("id", id).doesNotContainKey("secret");
    }

    @Test
    void patchOfProtectedPropertiesIsDeniedOrLooksAbsent() {
        String id = imageWithSecret(unique("prot"));

        assertThat(patch("alice", id, PATCH_V21, List.of(op("replace", "/secret", "x")))
                        .statusCode())
                .isEqualTo(409);
        assertThat(patch("alice", id, PATCH_V21, List.of(remove("/secret"))).statusCode())
                .isEqualTo(409);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("add", "/secret", "x")))
                        .statusCode())
                .isEqualTo(403);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("add", "/other", "x")))
                        .statusCode())
                .isEqualTo(403);
        assertThat(patch("alice", id, PATCH_V20, List.of(draft04("add", "/x_new", "n")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("replace", "/x_open", "changed"), remove("/x_new")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(patch("admin", id, PATCH_V21, List.of(op("replace", "/secret", "rotated")))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void unreadablePropertiesSurviveSomeoneElsesSave() {
        String id = imageWithSecret(unique("prot"));

        assertThat(patch("alice", id, PATCH_V21, List.of(op("replace", "/name", "saved-by-alice")))
                        .statusCode())
                .isEqualTo(200);

        assertThat(show("admin", id).jsonPath().getMap(""))
                .containsEntry("secret", "s3cr3t")
                .containsEntry("name", "saved-by-alice");
    }
}
