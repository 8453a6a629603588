package io.glimpse.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.glimpse.catalog.Api.PATCH_V21;
import static io.glimpse.catalog.Api.createId;
import static io.glimpse.catalog.Api.list;
import static io.glimpse.catalog.Api.listIds;
import static io.glimpse.catalog.Api.op;
import static io.glimpse.catalog.Api.patch;
import static io.glimpse.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /v2/images (glance-v2-api.md §4): filters, sorting, keyset pages and the visibility base set.
 * Every assertion is scoped by this class's unique tag, so other images in the database do not matter.
 */
@QuarkusTest
class ImageListTest {
    private static final String TAG = unique("list");
    private static final List<String> SIX = new ArrayList<>();
    private static String hidden;
    private static String community;
    private static String bobsPrivate;
    private static String adminsPublic;

    /** Once per class, but inside a test: RestAssured knows the test port only then. */
    @BeforeEach
    void fixtures() {
        if (!SIX.isEmpty()) {
            return;
        }
        for (int i = 0; i < 6; i++) {
            String id = ImageFixtures.activeImage(
                    "alice",
                    Map.of(
                            "name",
                            "six-" + i + " " + TAG,
                            "visibility",
                            "private",
                            "disk_format",
                            i % 2 == 0 ? "qcow2" : "raw",
                            "container_format",
                            "bare",
                            "tags",
                            List.of(TAG, "n" + i),
                            "flavour",
                            i < 3 ? "low" : "high"),
                    100L * (i + 1));
            SIX.add(id);
        }
        hidden = createId("alice", Map.of("name", "hidden " + TAG, "tags", List.of(TAG), "os_hidden", true));
        community =
                createId("bob", Map.of("name", "community " + TAG, "tags", List.of(TAG), "visibility", "community"));
        bobsPrivate = createId("bob", Map.of("name", "bobs " + TAG, "tags", List.of(TAG), "visibility", "private"));
        adminsPublic = createId("admin", Map.of("name", "public " + TAG, "tags", List.of(TAG), "visibility", "public"));
    }

    private static List<String> ids(String user, String query) {
        return listIds(user, "tag=" + TAG + (query.isEmpty() ? "" : "&" + query));
    }

    @Test
    void theDefaultListShowsOwnAndPublicButNotHiddenOrOthersCommunityImages() {
        assertThat(ids("alice", ""))
                .containsAll(SIX)
                .contains(adminsPublic)
                .doesNotContain(hidden, community, bobsPrivate);
        assertThat(ids("alice", "os_hidden=true")).containsExactly(hidden);
        assertThat(ids("alice", "visibility=all"))
                .contains(community, adminsPublic)
                .doesNotContain(bobsPrivate, hidden);
        assertThat(ids("alice", "visibility=community")).containsExactly(community);
        assertThat(ids("bob", ""))
                .contains(community, bobsPrivate, adminsPublic)
                .doesNotContainAnyElementsOf(SIX);
        assertThat(ids("admin", ""))
                .containsAll(SIX)
                .contains(bobsPrivate, adminsPublic)
                .doesNotContain(community);
        assertThat(ids("admin", "visibility=all")).contains(community);
        assertThat(ids("carol", "")).containsAll(SIX);
    }

    @Test
    void hidingAnImageByPatchRemovesItFromTheDefaultList() {
        String id = createId("alice", Map.of("name", unique("to-hide"), "tags", List.of(TAG + "-hide")));
        assertThat(listIds("alice", "tag=" + TAG + "-hide")).containsExactly(id);

        patch("alice", id, PATCH_V21, List.of(op("replace", "/os_hidden", true)));

        assertThat(listIds("alice", "tag=" + TAG + "-hide")).isEmpty();
    }

    @Test
    void columnFiltersMatchExactlyWithOptionalOperators() {
        assertThat(ids("alice", "disk_format=raw")).containsExactlyInAnyOrder(SIX.get(1), SIX.get(3), SIX.get(5));
        assertThat(ids("alice", "disk_format=eq:qcow2")).containsExactlyInAnyOrder(SIX.get(0), SIX.get(2), SIX.get(4));
        assertThat(ids("alice", "id=in:" + SIX.get(0) + "," + SIX.get(1)))
                .containsExactlyInAnyOrder(SIX.get(0), SIX.get(1));
        assertThat(ids("alice", "name=" + encode("in:\"six-0 " + TAG + "\",six-1 " + TAG)))
                .containsExactlyInAnyOrder(SIX.get(0), SIX.get(1));
        assertThat(ids("alice", "status=active&visibility=private")).containsExactlyInAnyOrderElementsOf(SIX);
        assertThat(ids("alice", "container_format=bare&size=300")).containsExactly(SIX.get(2));
        assertThat(ids("alice", "size_min=200&size_max=400"))
                .containsExactlyInAnyOrder(SIX.get(1), SIX.get(2), SIX.get(3));
        assertThat(ids("alice", "owner=project-b")).isEmpty();
        assertThat(ids("alice", "owner=project-b&visibility=all")).containsExactly(community);
        assertThat(ids("alice", "protected=false")).containsAll(SIX);
        assertThat(ids("alice", "protected=true")).isEmpty();
        assertThat(ids("alice", "min_ram=0")).containsAll(SIX);
    }

    @Test
    void tagsAreAndedAndPropertiesMatchExactly() {
        assertThat(ids("alice", "tag=n2")).containsExactly(SIX.get(2));
        assertThat(ids("alice", "flavour=low")).containsExactlyInAnyOrder(SIX.get(0), SIX.get(1), SIX.get(2));
        assertThat(ids("alice", "flavour=low&tag=n4")).isEmpty();
    }

    @Test
    void dateFiltersCompareWithTheirOperator() {
        String past = encode("2000-01-01T00:00:00Z");
        assertThat(ids("alice", "created_at=gt:" + past)).containsAll(SIX);
        assertThat(ids("alice", "created_at=lt:" + past)).isEmpty();
        assertThat(ids("alice", "updated_at=gte:2000-01-01T00:00:00")).containsAll(SIX);
        assertThat(ids("alice", "created_at=neq:" + past)).containsAll(SIX);
        assertThat(list("alice", "created_at=between:" + past).statusCode()).isEqualTo(400);
        assertThat(list("alice", "created_at=gt:yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void osHiddenIsReadCaseInsensitivelyLikeGlance() {
        // Glance lower-cases os_hidden (not protected); openstacksdk's find_image sends os_hidden=True.
        assertThat(list("alice", "os_hidden=True").statusCode()).isEqualTo(200);
        assertThat(list("alice", "os_hidden=TRUE").statusCode()).isEqualTo(200);
    }

    @Test
    void badFiltersAre400() {
        for (String query : List.of(
                "name=like:x",
                "visibility=everyone",
                "member_status=maybe",
                "os_hidden=yes",
                "protected=yes",
                "protected=True",
                "size_min=big",
                "size_max=1.5",
                "changes-since=2020-01-01T00:00:00Z",
                "limit=-1",
                "limit=ten",
                "name=" + encode("in:\"unclosed"),
                "name=" + encode("in:a\"b\""),
                "size=x")) {
            Response response = list("alice", query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
        }
    }

    @Test
    void bothSortFormsOrderBySizeDescending() {
        List<String> bySize = new ArrayList<>(SIX);
        bySize.sort(Comparator.comparing(SIX::indexOf).reversed());

        assertThat(ids("alice", "visibility=private&sort=size:desc")).containsExactlyElementsOf(bySize);
        assertThat(ids("alice", "visibility=private&sort_key=size&sort_dir=desc"))
                .containsExactlyElementsOf(bySize);
        assertThat(ids("alice", "visibility=private&sort=size:asc,name")).containsExactlyElementsOf(SIX);
        assertThat(ids("alice", "visibility=private&sort_key=name&sort_key=size&sort_dir=asc&sort_dir=asc"))
                .containsExactlyElementsOf(SIX);
    }

    @Test
    void badSortsAre400() {
        for (String query : List.of(
                "sort=size:up",
                "sort=min_ram",
                "sort_key=owner",
                "sort_dir=sideways",
                "sort=size&sort_key=name",
                "sort_key=name&sort_key=size&sort_dir=asc&sort_dir=asc&sort_dir=desc",
                "sort=size:asc:x")) {
            assertThat(list("alice", query).statusCode()).as(query).isEqualTo(400);
        }
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        for (String sort : List.of("", "&sort=name:asc", "&sort=size:desc,name:asc", "&sort_key=status&sort_dir=asc")) {
            List<String> seen = new ArrayList<>();
            String query = "tag=" + TAG + "&visibility=private&limit=2" + sort;
            Response page = list("alice", query);
            assertThat(page.jsonPath().getString("first")).isEqualTo("/v2/images?" + query);
            while (true) {
                seen.addAll(page.jsonPath().getList("images.id"));
                String next = page.jsonPath().getString("next");
                if (next == null) {
                    break;
                }
                assertThat(next).contains("marker=");
                page = list("alice", next.substring(next.indexOf('?') + 1));
            }
            assertThat(seen).as(sort).containsExactlyInAnyOrderElementsOf(SIX).doesNotHaveDuplicates();
        }
    }

    @Test
    void limitsAndMarkers() {
        Response one = list("alice", "tag=" + TAG + "&limit=1");
        assertThat(one.jsonPath().getList("images")).hasSize(1);
        assertThat(one.jsonPath().getString("schema")).isEqualTo("/v2/schemas/images");
        assertThat(list("alice", "tag=" + TAG + "&limit=0").jsonPath().getList("images"))
                .isEmpty();
        Response all = list("alice", "tag=" + TAG + "&limit=5000");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.jsonPath().getString("next")).isNull();
        assertThat(list("alice", "").jsonPath().getString("first")).isEqualTo("/v2/images");

        assertThat(list("alice", "marker=" + java.util.UUID.randomUUID()).statusCode())
                .isEqualTo(400);
        assertThat(list("alice", "marker=" + bobsPrivate).statusCode()).isEqualTo(403);
        String deleted = createId("alice", Map.of("name", unique("gone")));
        io.glimpse.catalog.Api.as("alice").delete("/v2/images/" + deleted);
        assertThat(list("alice", "marker=" + deleted).statusCode()).isEqualTo(400);
    }

    @Test
    void theDefaultPageHoldsTwentyFive() {
        Response page = list("admin", "visibility=all");
        assertThat(page.jsonPath().getList("images").size()).isLessThanOrEqualTo(25);
        List<String> created = page.jsonPath().getList("images.created_at");
        assertThat(created)
                .isSortedAccordingTo(Comparator.comparing(Instant::parse).reversed());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
