package io.glimpse.sharing.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.contracts.model.Visibility;
import io.glimpse.sharing.TestImages;
import io.glimpse.sharing.client.FakeCatalog;
import io.glimpse.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.glimpse.sharing.TestImages.addMember;
import static io.glimpse.sharing.TestImages.as;
import static io.glimpse.sharing.TestImages.deleteMember;
import static io.glimpse.sharing.TestImages.listMembers;
import static io.glimpse.sharing.TestImages.setStatus;
import static io.glimpse.sharing.TestImages.showMember;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The members API against real PostgreSQL, Kafka and Keycloak tokens: tempest's ImagesMemberTest and
 * ImagesMemberNegativeTest (glance-v2-api.md §17) and every error of §9. alice (member) and carol
 * (reader) are project-a, which owns the images; bob is project-b; admin is admin-project.
 */
@QuarkusTest
@WithTestResource(value = FakeCatalog.class, scope = TestResourceScope.GLOBAL)
class MemberResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    // --- tempest ImagesMemberTest ------------------------------------------------------------

    @Test
    void shareAccept() {
        String image = TestImages.sharedOfAlice();

        Response added = addMember("alice", image, "project-b");
        assertThat(added.statusCode()).isEqualTo(200);
        Map<String, Object> member = added.jsonPath().getMap("");
        assertThat(member)
                .containsOnlyKeys("image_id", "member_id", "status", "created_at", "updated_at", "schema")
                .containsEntry("image_id", image)
                .containsEntry("member_id", "project-b")
                .containsEntry("status", "pending")
                .containsEntry("schema", "/v2/schemas/member");
        assertThat((String) member.get("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(member.get("updated_at")).isEqualTo(member.get("created_at"));

        Response accepted = setStatus("bob", image, "project-b", "accepted");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.jsonPath().getString("status")).isEqualTo("accepted");

        Response members = listMembers("alice", image);
        assertThat(members.statusCode()).isEqualTo(200);
        assertThat(members.jsonPath().getString("schema")).isEqualTo("/v2/schemas/members");
        assertThat(members.jsonPath().getList("members.member_id")).containsExactly("project-b");
        assertThat(members.jsonPath().getList("members.status")).containsExactly("accepted");
    }

    @Test
    void shareReject() {
        String image = TestImages.sharedOfAlice();
        addMember("alice", image, "project-b");

        Response rejected = setStatus("bob", image, "project-b", "rejected");

        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(rejected.jsonPath().getString("status")).isEqualTo("rejected");
        assertThat(showMember("alice", image, "project-b").jsonPath().getString("status"))
                .isEqualTo("rejected");
        // ... and back: any status may follow any other.
        assertThat(setStatus("bob", image, "project-b", "pending").jsonPath().getString("status"))
                .isEqualTo("pending");
    }

    @Test
    void getImageMember() {
        String image = TestImages.sharedOfAlice();
        addMember("alice", image, "project-b");
        setStatus("bob", image, "project-b", "accepted");

        Response shownToMember = showMember("bob", image, "project-b");
        Response shownToOwner = showMember("alice", image, "project-b");

        assertThat(shownToMember.statusCode()).isEqualTo(200);
        assertThat(shownToMember.jsonPath().getString("status")).isEqualTo("accepted");
        assertThat(shownToOwner.jsonPath().getMap(""))
                .isEqualTo(shownToMember.jsonPath().getMap(""));
    }

    @Test
    void removeImageMemberAndAddItAgain() {
        String image = TestImages.sharedOfAlice();
        addMember("alice", image, "project-b");
        setStatus("bob", image, "project-b", "accepted");

        Response removed = deleteMember("alice", image, "project-b");

        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(removed.asString()).isEmpty();
        assertThat(showMember("alice", image, "project-b").statusCode()).isEqualTo(404);
        assertThat(listMembers("alice", image).jsonPath().getList("members")).isEmpty();
        // No longer a member, bob cannot see the shared image at all.
        assertThat(listMembers("bob", image).statusCode()).isEqualTo(404);
        Response again = addMember("alice", image, "project-b");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getString("status")).isEqualTo("pending");
    }

    /**
     * Both schemas are exactly what Glance 25.1 serves (captured from it into {@code glance/schema-member*.json}):
     * Glance renders them minimal, so the member has no {@code additionalProperties} and the collection has no
     * {@code first}/{@code next} (member lists are never paged).
     */
    @Test
    void memberSchemasAreGlances() throws Exception {
        Response member = as("bob").get("/v2/schemas/member");
        Response members = as("bob").get("/v2/schemas/members");

        assertThat(member.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(member.asString())).isEqualTo(glanceFixture("schema-member.json"));
        assertThat(members.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(members.asString())).isEqualTo(glanceFixture("schema-members.json"));
        assertThat(members.jsonPath().getMap("properties")).containsOnlyKeys("members", "schema");
    }

    private static JsonNode glanceFixture(String name) throws IOException {
        try (InputStream in = MemberResourceTest.class.getResourceAsStream("/glance/" + name)) {
            return JSON.readTree(in);
        }
    }

    // --- tempest ImagesMemberNegativeTest ----------------------------------------------------

    @Test
    void invalidStatusIs400() {
        String image = TestImages.sharedOfAlice();
        addMember("alice", image, "project-b");

        Response invalid = setStatus("bob", image, "project-b", "notavalidstatus");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.jsonPath().getString("message")).contains("Status must be");
        assertThat(as("bob")
                        .body(Map.of("state", "accepted"))
                        .put("/v2/images/" + image + "/members/project-b")
                        .statusCode())
                .isEqualTo(400);
        assertThat(as("bob")
                        .body(Map.of("status", 1))
                        .put("/v2/images/" + image + "/members/project-b")
                        .statusCode())
                .isEqualTo(400);
        assertThat(as("bob")
                        .body(List.of("accepted"))
                        .put("/v2/images/" + image + "/members/project-b")
                        .statusCode())
                .isEqualTo(400);
        assertThat(as("bob").put("/v2/images/" + image + "/members/project-b").statusCode())
                .isEqualTo(400);
    }

    @Test
    void ownerCannotAccept() {
        String image = TestImages.sharedOfAlice();
        addMember("alice", image, "project-b");

        Response denied = setStatus("alice", image, "project-b", "accepted");

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.jsonPath().getString("code")).isEqualTo("403 Forbidden");
        assertThat(showMember("bob", image, "project-b").jsonPath().getString("status"))
                .isEqualTo("pending");
    }

    // --- §9 errors ---------------------------------------------------------------------------

    @Test
    void malformedAddBodiesAre400() {
        String image = TestImages.sharedOfAlice();
        String members = "/v2/images/" + image + "/members";

        assertThat(as("alice")
                        .body(Map.of("project", "project-b"))
                        .post(members)
                        .statusCode())
                .isEqualTo(400);
        assertThat(as("alice").body(Map.of("member", "")).post(members).statusCode())
                .isEqualTo(400);
        assertThat(as("alice").body(Map.of("member", 42)).post(members).statusCode())
                .isEqualTo(400);
        assertThat(as("alice").body(List.of("project-b")).post(members).statusCode())
                .isEqualTo(400);
        assertThat(as("alice").body("{not json").post(members).statusCode()).isEqualTo(400);
        assertThat(as("alice").post(members).statusCode()).isEqualTo(400);
        assertThat(as("alice")
                        .body(Map.of("member", "p".repeat(256)))
                        .post(members)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void onlySharedImagesHaveMembers() {
        String privateImage = TestImages.known(Visibility.PRIVATE);
        String publicImage = TestImages.known(Visibility.PUBLIC);
        String communityImage = TestImages.known(Visibility.COMMUNITY);

        Response denied = addMember("alice", privateImage, "project-b");

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.jsonPath().getString("message")).contains("Only shared images have members.");
        assertThat(addMember("alice", publicImage, "project-b").statusCode()).isEqualTo(403);
        assertThat(addMember("admin", communityImage, "project-b").statusCode()).isEqualTo(403);
        assertThat(listMembers("alice", privateImage).statusCode()).isEqualTo(403);
        assertThat(listMembers("bob", publicImage).statusCode()).isEqualTo(403);
        // Showing a member turns every 403 into 404.
        assertThat(showMember("alice", privateImage, "project-b").statusCode()).isEqualTo(404);
        // bob cannot see alice's private image at all.
        assertThat(addMember("bob", privateImage, "project-b").statusCode()).isEqualTo(404);
    }

    @Test
    void onlyTheOwnersMembersAndAdminsManageMembers() {
        String image = TestImages.sharedOfAlice();
        addMember("alice", image, "project-b");

        // carol only reads in project-a; bob is a member, not the owner.
        assertThat(addMember("carol", image, "project-c").statusCode()).isEqualTo(403);
        assertThat(addMember("bob", image, "project-c").statusCode()).isEqualTo(403);
        assertThat(deleteMember("bob", image, "project-b").statusCode()).isEqualTo(403);
        assertThat(deleteMember("carol", image, "project-b").statusCode()).isEqualTo(403);
        assertThat(setStatus("carol", image, "project-b", "accepted").statusCode())
                .isEqualTo(403);
        // ... but carol may read them all.
        assertThat(listMembers("carol", image).jsonPath().getList("members.member_id"))
                .containsExactly("project-b");
        // admin may do everything, including the member's own choice.
        assertThat(addMember("admin", image, "project-c").statusCode()).isEqualTo(200);
        assertThat(setStatus("admin", image, "project-c", "accepted").statusCode())
                .isEqualTo(200);
        assertThat(listMembers("admin", image).jsonPath().getList("members.member_id"))
                .containsExactly("project-b", "project-c");
        assertThat(deleteMember("admin", image, "project-c").statusCode()).isEqualTo(204);
    }

    @Test
    void aMemberSeesOnlyItsOwnEntry() {
        String image = TestImages.sharedOfAlice();
        addMember("alice", image, "project-b");
        addMember("alice", image, "project-c");

        Response members = listMembers("bob", image);

        assertThat(members.statusCode()).isEqualTo(200);
        assertThat(members.jsonPath().getList("members.member_id")).containsExactly("project-b");
        assertThat(showMember("bob", image, "project-c").statusCode()).isEqualTo(404);
        assertThat(setStatus("bob", image, "project-c", "accepted").statusCode())
                .isEqualTo(404);
        assertThat(listMembers("alice", image).jsonPath().getList("members.member_id"))
                .containsExactly("project-b", "project-c");
    }

    @Test
    void duplicateMemberIs409() {
        String image = TestImages.sharedOfAlice();
        addMember("alice", image, "project-b");

        Response duplicate = addMember("alice", image, "project-b");

        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.jsonPath().getString("message")).contains("project-b is duplicated");
    }

    @Test
    void memberQuotaIs413() {
        String image = TestImages.sharedOfAlice();
        for (int i = 0; i < 128; i++) {
            assertThat(addMember("alice", image, "quota-" + i).statusCode())
                    .as("member %d", i)
                    .isEqualTo(200);
        }

        Response over = addMember("alice", image, "quota-128");

        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(over.jsonPath().getString("message")).contains("Attempted: 129, Maximum: 128");
        assertThat(deleteMember("alice", image, "quota-0").statusCode()).isEqualTo(204);
        assertThat(addMember("alice", image, "quota-128").statusCode()).isEqualTo(200);
    }

    @Test
    void invisibleAndUnknownImagesAre404() {
        String image = TestImages.sharedOfAlice();
        String unknown = UUID.randomUUID().toString();

        // Shared, but bob is no member: he may not even know it exists.
        assertThat(listMembers("bob", image).statusCode()).isEqualTo(404);
        assertThat(addMember("bob", image, "project-b").statusCode()).isEqualTo(404);
        assertThat(showMember("bob", image, "project-b").statusCode()).isEqualTo(404);
        assertThat(setStatus("bob", image, "project-b", "accepted").statusCode())
                .isEqualTo(404);
        assertThat(deleteMember("bob", image, "project-b").statusCode()).isEqualTo(404);
        // Neither sharing nor catalog knows it.
        Response missing = addMember("alice", unknown, "project-b");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.jsonPath().getString("message")).contains("No image found with ID " + unknown);
        assertThat(listMembers("alice", unknown).statusCode()).isEqualTo(404);
        assertThat(listMembers("alice", "x".repeat(37)).statusCode()).isEqualTo(404);
        // The image exists, the member does not.
        assertThat(showMember("alice", image, "project-z").statusCode()).isEqualTo(404);
        assertThat(deleteMember("alice", image, "project-z").statusCode()).isEqualTo(404);
        assertThat(setStatus("alice", image, "project-z", "accepted").statusCode())
                .isEqualTo(403);
    }

    @Test
    void errorsFollowAcceptAndUnsupportedMethodsAre405() {
        String image = TestImages.sharedOfAlice();

        Response anyType = RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.forUser("bob"))
                .accept("*/*")
                .get("/v2/images/" + image + "/members");
        Response patch = as("alice").body(Map.of()).patch("/v2/images/" + image + "/members");

        // webob's choice for a client that states no preference: an HTML error page.
        assertThat(anyType.statusCode()).isEqualTo(404);
        assertThat(anyType.contentType()).startsWith("text/html");
        assertThat(anyType.asString()).contains("<title>404 Not Found</title>");
        // The gateway answers this itself with Glance's Allow header (its route table); behind it, a bare 405.
        assertThat(patch.statusCode()).isEqualTo(405);
        assertThat(RestAssured.get("/v2/images/" + image + "/members").statusCode())
                .isEqualTo(401);
    }
}
