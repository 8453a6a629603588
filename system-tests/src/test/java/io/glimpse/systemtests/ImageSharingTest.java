package io.glimpse.systemtests;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Image sharing through the gateway: sharing-service owns the members, catalog-service lists the
 * images. A membership change must show in the member's default image list as soon as the call that
 * made it has answered (docs/architecture.md "Sharing and read-your-writes"): no sleeps, no retries, no misses.
 */
class ImageSharingTest extends ThroughTheGateway {
    private static final int ITERATIONS = 200;

    @Test
    void theMembersDefaultListFollowsEveryMembershipChangeAtOnce() {
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            String name = uniqueName("shared-ryw");
            Response created =
                    createImage("alice", Map.of("name", name, "disk_format", "raw", "container_format", "bare"));
            assertThat(created.statusCode()).as("create %d", i).isEqualTo(201);
            String id = created.jsonPath().getString("id");

            expect(misses, i, "add", addMember(id, "project-b").statusCode(), 200);
            expectListed(misses, i, "pending", name, id, false);
            expect(misses, i, "accept", setStatus("bob", id, "accepted").statusCode(), 200);
            expectListed(misses, i, "accepted", name, id, true);
            if (i % 2 == 0) {
                expect(misses, i, "reject", setStatus("bob", id, "rejected").statusCode(), 200);
                expectListed(misses, i, "rejected", name, id, false);
            } else {
                expect(
                        misses,
                        i,
                        "delete",
                        as("alice")
                                .delete("/v2/images/" + id + "/members/project-b")
                                .statusCode(),
                        204);
                expectListed(misses, i, "deleted", name, id, false);
            }
        }

        assertThat(misses)
                .as("read-your-writes misses in %d iterations", ITERATIONS)
                .isEmpty();
    }

    @Test
    void tempestMemberFlowsThroughTheGateway() {
        String id = createImage("alice", Map.of("name", uniqueName("tempest-members")))
                .jsonPath()
                .getString("id");

        Response added = addMember(id, "project-b");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.jsonPath().getString("status")).isEqualTo("pending");
        assertThat(setStatus("alice", id, "accepted").statusCode()).isEqualTo(403);
        assertThat(setStatus("bob", id, "notavalidstatus").statusCode()).isEqualTo(400);
        assertThat(setStatus("bob", id, "accepted").jsonPath().getString("status"))
                .isEqualTo("accepted");
        assertThat(as("bob")
                        .get("/v2/images/" + id + "/members/project-b")
                        .jsonPath()
                        .getString("status"))
                .isEqualTo("accepted");
        assertThat(as("alice").get("/v2/images/" + id + "/members").jsonPath().getList("members.member_id"))
                .containsExactly("project-b");
        assertThat(as("bob").get("/v2/images/" + id).statusCode()).isEqualTo(200);
        assertThat(as("bob").get("/v2/schemas/member").jsonPath().getString("name"))
                .isEqualTo("member");
        assertThat(as("bob").get("/v2/schemas/members").jsonPath().getString("name"))
                .isEqualTo("members");
        Response notShared = createImage("alice", Map.of("name", uniqueName("private"), "visibility", "private"));
        assertThat(addMember(notShared.jsonPath().getString("id"), "project-b").statusCode())
                .isEqualTo(403);
    }

    private static Response addMember(String imageId, String member) {
        return as("alice")
                .contentType("application/json")
                .body(Map.of("member", member))
                .post("/v2/images/" + imageId + "/members");
    }

    private static Response setStatus(String user, String imageId, String status) {
        return as(user).contentType("application/json")
                .body(Map.of("status", status))
                .put("/v2/images/" + imageId + "/members/project-b");
    }

    /** bob's default list (no visibility or member_status filter), narrowed to this image's unique name. */
    private static void expectListed(
            List<String> misses, int iteration, String state, String name, String id, boolean listed) {
        Response list = as("bob").queryParam("name", name).get("/v2/images");
        List<String> ids = list.statusCode() == 200 ? list.jsonPath().getList("images.id") : List.of();
        if (list.statusCode() != 200 || ids.contains(id) != listed) {
            misses.add("iteration " + iteration + ": " + state + " image " + id + " was " + (listed ? "not " : "")
                    + "in bob's list (" + list.statusCode() + ")");
        }
    }

    private static void expect(List<String> misses, int iteration, String step, int actual, int expected) {
        if (actual != expected) {
            misses.add("iteration " + iteration + ": " + step + " answered " + actual + ", not " + expected);
        }
    }
}
