package io.glimpse.systemtests;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tempest's image v2 tests (glance-v2-api.md §17) that need no image data (those live with the image
 * data tests), replayed through the gateway
 * the way tempest's client talks: real tokens in X-Auth-Token, PATCH in the draft-04 media type, and
 * tempest's exact status expectations. Fixtures carry a tag unique to this run, so other images in the
 * database never matter.
 */
class TempestImagesTest extends ThroughTheGateway {
    private static final String DRAFT_04 = "application/openstack-images-v2.0-json-patch";

    static Response patch(String user, String id, String draft04Body) {
        return as(user).contentType(DRAFT_04)
                .body(draft04Body.getBytes(StandardCharsets.UTF_8))
                .patch("/v2/images/" + id);
    }

    static String create(String user, Map<String, ?> body) {
        return createImage(user, body).then().statusCode(201).extract().path("id");
    }

    static List<String> listIds(String user, String query) {
        return as(user).get("/v2/images?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("images.id", String.class);
    }

    @Nested
    class BasicOperationsImagesTest {
        @Test
        void deleteImage() {
            String id = create("alice", Map.of("name", uniqueName("basic-delete")));
            as("alice").delete("/v2/images/" + id).then().statusCode(204);
            assertThat(listIds("alice", "limit=1000")).doesNotContain(id);
        }

        @Test
        void updateImage() {
            String id = create("alice", Map.of("name", uniqueName("basic-update")));
            String newName = uniqueName("renamed");
            patch("alice", id, "[{\"replace\":\"/name\",\"value\":\"" + newName + "\"}]")
                    .then()
                    .statusCode(200);
            assertThat(as("alice").get("/v2/images/" + id).jsonPath().getString("name"))
                    .isEqualTo(newName);
        }
    }

    @Nested
    class ListUserImagesTest {
        private static final String RUN_TAG = "tempest-list-" + UUID.randomUUID();
        private static final List<String> FIXTURES = new ArrayList<>();

        @BeforeAll
        static void sixPrivateImagesWithTwoTagsEach() {
            String[][] formats = {
                {"raw", "bare"}, {"qcow2", "bare"}, {"vmdk", "ovf"}, {"raw", "ova"}, {"iso", "bare"}, {"qcow2", "ovf"}
            };
            for (String[] format : formats) {
                FIXTURES.add(create(
                        "alice",
                        Map.of(
                                "name",
                                uniqueName("list"),
                                "visibility",
                                "private",
                                "disk_format",
                                format[0],
                                "container_format",
                                format[1],
                                "tags",
                                List.of(RUN_TAG, "extra-" + UUID.randomUUID()))));
            }
        }

        private List<Map<String, Object>> list(String filters) {
            return as("alice")
                    .get("/v2/images?tag=" + RUN_TAG + (filters.isEmpty() ? "" : "&" + filters))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("images");
        }

        @Test
        void listNoParams() {
            assertThat(list("")).extracting(image -> image.get("id")).containsExactlyInAnyOrderElementsOf(FIXTURES);
        }

        @Test
        void everyFilterMatchesWhatItReturns() {
            assertThat(list("container_format=ovf"))
                    .isNotEmpty()
                    .allSatisfy(i -> assertThat(i.get("container_format")).isEqualTo("ovf"));
            assertThat(list("disk_format=qcow2"))
                    .isNotEmpty()
                    .allSatisfy(i -> assertThat(i.get("disk_format")).isEqualTo("qcow2"));
            assertThat(list("visibility=private")).hasSize(FIXTURES.size());
            assertThat(list("status=queued")).hasSize(FIXTURES.size());
            assertThat(list("owner=project-a")).hasSize(FIXTURES.size());
            Map<String, Object> first = list("").get(0);
            assertThat(list("name=" + first.get("name")))
                    .extracting(i -> i.get("id"))
                    .containsExactly(first.get("id"));
        }

        @Test
        void limitOneReturnsExactlyOne() {
            assertThat(list("limit=1")).hasSize(1);
        }

        @Test
        void tagFilterReturnsOnlyTaggedImages() {
            assertThat(list(""))
                    .allSatisfy(image -> assertThat(image.get("tags")).asList().contains(RUN_TAG));
        }

        @Test
        void bothSortFormsSortDescending() {
            for (String sort : List.of("sort=name:desc", "sort_key=name&sort_dir=desc")) {
                List<String> names = list(sort).stream()
                        .map(image -> (String) image.get("name"))
                        .toList();
                assertThat(names).isSortedAccordingTo(Comparator.reverseOrder());
            }
        }

        @Test
        void schemasAreNamed() {
            assertThat(as("alice")
                            .get("/v2/schemas/image")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getString("name"))
                    .isEqualTo("image");
            assertThat(as("alice")
                            .get("/v2/schemas/images")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getString("name"))
                    .isEqualTo("images");
        }

        @Test
        void hiddenImagesAreNotInTheDefaultList() {
            String hidden = create(
                    "alice", Map.of("name", uniqueName("hidden"), "os_hidden", true, "tags", List.of(RUN_TAG + "-h")));
            String later = create("alice", Map.of("name", uniqueName("hidden-later"), "tags", List.of(RUN_TAG + "-h")));
            assertThat(listIds("alice", "tag=" + RUN_TAG + "-h")).containsExactly(later);

            patch("alice", later, "[{\"replace\":\"/os_hidden\",\"value\":true}]")
                    .then()
                    .statusCode(200);

            assertThat(listIds("alice", "tag=" + RUN_TAG + "-h")).isEmpty();
            assertThat(listIds("alice", "tag=" + RUN_TAG + "-h&os_hidden=true"))
                    .containsExactlyInAnyOrder(hidden, later);
            assertThat(listIds("alice", "tag=" + RUN_TAG + "-h&os_hidden=True"))
                    .containsExactlyInAnyOrder(hidden, later);
        }
    }

    @Nested
    class ListSharedImagesTest {
        @Test
        void pendingSharedImagesAreListedWithMemberStatusPending() {
            String tag = "tempest-shared-" + UUID.randomUUID();
            String id = create("alice", Map.of("name", uniqueName("shared"), "tags", List.of(tag)));
            as("alice")
                    .contentType(ContentType.JSON)
                    .body(Map.of("member", "project-b"))
                    .post("/v2/images/" + id + "/members")
                    .then()
                    .statusCode(200);

            assertThat(listIds("bob", "member_status=pending&visibility=shared&tag=" + tag))
                    .containsExactly(id);
            assertThat(listIds("bob", "tag=" + tag)).isEmpty();
        }
    }

    @Nested
    class ImagesNegativeTest {
        @Test
        void missingDeletedAndNullIdsAre404() {
            as("alice").get("/v2/images/" + UUID.randomUUID()).then().statusCode(404);
            as("alice").get("/v2/images/").then().statusCode(404);
            as("alice").delete("/v2/images/" + UUID.randomUUID()).then().statusCode(404);
            as("alice").delete("/v2/images/").then().statusCode(404);
            String id = create("alice", Map.of("name", uniqueName("deleted")));
            as("alice").delete("/v2/images/" + id).then().statusCode(204);
            as("alice").get("/v2/images/" + id).then().statusCode(404);
            as("alice").delete("/v2/images/" + id).then().statusCode(404);
        }

        @Test
        void invalidFormatsAre400() {
            createImage("alice", Map.of("name", "bad", "container_format", "bad"))
                    .then()
                    .statusCode(400);
            createImage("alice", Map.of("name", "bad", "disk_format", "bad"))
                    .then()
                    .statusCode(400);
        }

        @Test
        void protectedImagesCannotBeDeleted() {
            String id = create("alice", Map.of("name", uniqueName("protected"), "protected", true));
            as("alice").delete("/v2/images/" + id).then().statusCode(403);
            patch("alice", id, "[{\"replace\":\"/protected\",\"value\":false}]")
                    .then()
                    .statusCode(200);
            as("alice").delete("/v2/images/" + id).then().statusCode(204);
        }

        @Test
        void reservedPropertiesAre403() {
            createImage("alice", Map.of("name", "reserved", "os_glance_foo", "bar"))
                    .then()
                    .statusCode(403);
            String id = create("alice", Map.of("name", uniqueName("reserved")));
            patch("alice", id, "[{\"add\":\"/os_glance_foo\",\"value\":\"bar\"}]")
                    .then()
                    .statusCode(403);
        }
    }

    @Nested
    class ImagesMemberTest {
        private String sharedWithBob() {
            String id = create("alice", Map.of("name", uniqueName("member")));
            Response member = as("alice")
                    .contentType(ContentType.JSON)
                    .body(Map.of("member", "project-b"))
                    .post("/v2/images/" + id + "/members");
            assertThat(member.statusCode()).isEqualTo(200);
            assertThat(member.jsonPath().getString("status")).isEqualTo("pending");
            return id;
        }

        private Response answer(String user, String id, String status) {
            return as(user).contentType(ContentType.JSON)
                    .body(Map.of("status", status))
                    .put("/v2/images/" + id + "/members/project-b");
        }

        @Test
        void shareAcceptShowAndRemove() {
            String id = sharedWithBob();
            assertThat(listIds("bob", "limit=1000")).doesNotContain(id);

            answer("bob", id, "accepted").then().statusCode(200);
            assertThat(listIds("bob", "limit=1000")).contains(id);
            assertThat(as("alice")
                            .get("/v2/images/" + id + "/members")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("members.status", String.class))
                    .containsExactly("accepted");
            assertThat(as("bob")
                            .get("/v2/images/" + id + "/members/project-b")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getString("status"))
                    .isEqualTo("accepted");

            as("alice").delete("/v2/images/" + id + "/members/project-b").then().statusCode(204);
            assertThat(listIds("bob", "limit=1000")).doesNotContain(id);
        }

        @Test
        void rejectedImagesAreNotListed() {
            String id = sharedWithBob();
            answer("bob", id, "rejected").then().statusCode(200);
            assertThat(listIds("bob", "limit=1000")).doesNotContain(id);
        }

        @Test
        void memberSchemasAreNamed() {
            assertThat(as("bob")
                            .get("/v2/schemas/member")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getString("name"))
                    .isEqualTo("member");
            assertThat(as("bob")
                            .get("/v2/schemas/members")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getString("name"))
                    .isEqualTo("members");
        }

        @Test
        void invalidStatusIs400AndTheOwnerCannotAccept() {
            String id = sharedWithBob();
            answer("bob", id, "notavalidstatus").then().statusCode(400);
            answer("alice", id, "accepted").then().statusCode(403);
        }
    }

    @Nested
    class ImagesTagsTest {
        @Test
        void putAndDeleteATag() {
            String id = create("alice", Map.of("name", uniqueName("tags")));
            as("alice").put("/v2/images/" + id + "/tags/blue").then().statusCode(204);
            assertThat(as("alice").get("/v2/images/" + id).jsonPath().getList("tags", String.class))
                    .containsExactly("blue");
            as("alice").delete("/v2/images/" + id + "/tags/blue").then().statusCode(204);
            assertThat(as("alice").get("/v2/images/" + id).jsonPath().getList("tags", String.class))
                    .isEmpty();
        }

        @Test
        void tagsOfMissingImagesAndMissingTagsAre404() {
            as("alice")
                    .put("/v2/images/" + UUID.randomUUID() + "/tags/blue")
                    .then()
                    .statusCode(404);
            String id = create("alice", Map.of("name", uniqueName("tags")));
            as("alice").delete("/v2/images/" + id + "/tags/never-there").then().statusCode(404);
        }
    }

    @Nested
    class VersionsTest {
        @Test
        void rootListsVersionsWith300() {
            Response versions = RestAssured.get("/");
            assertThat(versions.statusCode()).isEqualTo(300);
            assertThat(versions.jsonPath().getList("versions", Map.class))
                    .isNotEmpty()
                    .allSatisfy(version -> assertThat(version).containsKeys("id", "links", "status"));
        }
    }
}
