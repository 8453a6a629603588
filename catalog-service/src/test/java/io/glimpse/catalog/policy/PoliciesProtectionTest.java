package io.glimpse.catalog.policy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.glimpse.catalog.Api.PATCH_V21;
import static io.glimpse.catalog.Api.create;
import static io.glimpse.catalog.Api.createId;
import static io.glimpse.catalog.Api.op;
import static io.glimpse.catalog.Api.patch;
import static io.glimpse.catalog.Api.remove;
import static io.glimpse.catalog.Api.show;
import static io.glimpse.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Property protections with Glance's policies sample (§12): x_* under rule default, the rest context_is_admin. */
@QuarkusTest
@TestProfile(ProtectionProfiles.Policies.class)
class PoliciesProtectionTest {

    @Test
    void theNamedRulesDecide() {
        String id = createId(
                "admin", Map.of("owner", "project-a", "name", unique("policies"), "secret", "s", "x_open", "o"));

        assertThat(show("carol", id).jsonPath().getMap(""))
                .containsEntry("x_open", "o")
                .doesNotContainKey("secret");
        assertThat(create("alice", Map.of("secret", "v")).statusCode()).isEqualTo(403);
        assertThat(create("alice", Map.of("x_any", "v")).statusCode()).isEqualTo(201);
        assertThat(patch("alice", id, PATCH_V21, List.of(remove("/secret"))).statusCode())
                .isEqualTo(409);
        assertThat(patch("alice", id, PATCH_V21, List.of(remove("/x_open"))).statusCode())
                .isEqualTo(200);
        assertThat(patch("admin", id, PATCH_V21, List.of(remove("/secret"))).statusCode())
                .isEqualTo(200);
        assertThat(patch("alice", id, PATCH_V21, List.of(op("add", "/os_glance_x", "v")))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void theOperatorsSchemaFileReplacesTheBundledOne() {
        var schema = io.glimpse.catalog.Api.as("alice").get("/v2/schemas/image");

        assertThat(schema.jsonPath().getBoolean("properties.x_level.is_base")).isFalse();
        assertThat(schema.jsonPath().getMap("properties")).doesNotContainKey("ramdisk_id");
        assertThat(create("alice", Map.of("x_level", "mid")).statusCode()).isEqualTo(400);
        assertThat(create("alice", Map.of("x_level", "high")).statusCode()).isEqualTo(201);
        assertThat(create("alice", Map.of("x_ramdisk", "not-typed-here")).statusCode())
                .isEqualTo(201);
    }
}
