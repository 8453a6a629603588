package io.glimpse.catalog.rest;

import io.glimpse.contracts.event.Actor;
import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.MemberEventData;
import io.glimpse.contracts.event.MemberSnapshot;
import io.glimpse.contracts.model.MemberStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.glimpse.catalog.Api.as;
import static io.glimpse.catalog.Api.asService;
import static io.glimpse.catalog.Api.createId;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /v2/search/images (ADR 0014): words by prefix and with typos, ranked, over exactly what the list shows. */
@QuarkusTest
class ImageSearchTest {

    /** A word of letters no other test uses, so that each test finds only its own images. */
    private static String word() {
        StringBuilder word = new StringBuilder("zq");
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    @Test
    void findsByPrefixTypoAndSeveralWordsRankingNamesFirst() {
        String word = word();
        String inName = createId("admin", Map.of("name", "Debian " + word + " server", "visibility", "public"));
        String inDescription =
                createId("admin", Map.of("name", "other", "description", "built with " + word, "visibility", "public"));
        String inTag = createId("admin", Map.of("name", "tagged", "tags", List.of(word), "visibility", "public"));

        Response exact = search("bob", word);
        assertThat(exact.statusCode()).isEqualTo(200);
        assertThat(exact.jsonPath().getInt("total")).isEqualTo(3);
        assertThat(exact.jsonPath().getBoolean("total_exact")).isTrue();
        // Name over tags over description.
        assertThat(exact.jsonPath().getList("results.image.id")).containsExactly(inName, inTag, inDescription);
        assertThat(exact.jsonPath().getString("results[0].image.name")).isEqualTo("Debian " + word + " server");
        assertThat(exact.jsonPath().getFloat("results[0].score"))
                .isGreaterThan(exact.jsonPath().getFloat("results[2].score"));

        assertThat(ids(search("bob", word.substring(0, 8)))).contains(inName, inTag, inDescription);
        // One letter swapped: still found.
        String typo = word.substring(0, 5) + word.charAt(6) + word.charAt(5) + word.substring(7);
        assertThat(ids(search("bob", typo))).contains(inName);
        // Every word must match.
        assertThat(ids(search("bob", "debian " + word))).containsExactly(inName);
        assertThat(search("bob", "debian " + word + " " + word()).jsonPath().getInt("total"))
                .isZero();
    }

    @Test
    void neverFindsWhatTheListWouldNotShow() {
        String word = word();
        String privateImage = createId("alice", Map.of("name", word + " private", "visibility", "private"));
        String shared = createId("alice", Map.of("name", word + " shared", "visibility", "shared"));
        String community = createId("alice", Map.of("name", word + " community", "visibility", "community"));

        // The owner's project finds all of its own, whatever their visibility, as its default list shows them.
        assertThat(ids(search("alice", word))).containsExactlyInAnyOrder(privateImage, shared, community);
        assertThat(ids(search("carol", word))).containsExactlyInAnyOrder(privateImage, shared, community);
        // Bob's project is not a member yet, then a pending member, then an accepted one.
        assertThat(ids(search("bob", word))).isEmpty();
        member(shared, MemberStatus.PENDING, 1);
        assertThat(ids(search("bob", word))).isEmpty();
        member(shared, MemberStatus.ACCEPTED, 2);
        assertThat(ids(search("bob", word))).containsExactly(shared);
        // Community images are listed only when asked for by visibility, so search does not show them either.
        assertThat(ids(search("bob", word))).doesNotContain(community);
        // The admin's default set has every project's images but others' community ones.
        assertThat(ids(search("admin", word))).containsExactlyInAnyOrder(privateImage, shared);
    }

    @Test
    void pagesWithLimitAndOffset() {
        String word = word();
        for (int i = 0; i < 3; i++) {
            createId("admin", Map.of("name", word + " " + i, "visibility", "public"));
        }
        Response page = as("bob")
                .queryParam("q", word)
                .queryParam("limit", 2)
                .queryParam("offset", 1)
                .get("/v2/search/images");
        assertThat(page.jsonPath().getInt("total")).isEqualTo(3);
        assertThat(page.jsonPath().getList("results")).hasSize(2);
        assertThat(as("bob")
                        .queryParam("q", word)
                        .queryParam("limit", 0)
                        .get("/v2/search/images")
                        .jsonPath()
                        .getList("results"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "x=1",
                "q=",
                "q=---",
                "q=a&limit=101",
                "q=a&limit=x",
                "q=a&offset=-1",
                "q=a&offset=901",
                "q=a&sort=name",
                "q=a+b+c+d+e+f+g+h+i+j+k"
            })
    void badQueriesAre400(String query) {
        Response response = as("alice").get("/v2/search/images?" + query);
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"   ", "-- .."})
    void queriesWithoutAWordAre400(String q) {
        assertThat(search("alice", q).statusCode()).as(q).isEqualTo(400);
    }

    @Test
    void aLongQueryIs400() {
        assertThat(search("alice", "a".repeat(256)).statusCode()).isEqualTo(400);
    }

    private static Response search(String user, String q) {
        return as(user).queryParam("q", q).get("/v2/search/images");
    }

    private static List<String> ids(Response response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return response.jsonPath().getList("results.image.id");
    }

    private static void member(String imageId, MemberStatus status, long sequence) {
        Instant now = Instant.now();
        MemberEventData data = new MemberEventData(
                sequence,
                new Actor("project-a", "alice"),
                "req-test",
                false,
                new MemberSnapshot(imageId, "project-b", status, now, now));
        assertThat(asService()
                        .contentType(ContentType.JSON)
                        .body(EventJson.write(data))
                        .put("/internal/memberships")
                        .statusCode())
                .isEqualTo(204);
    }
}
