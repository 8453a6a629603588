package io.glimpse.systemtests;

import io.glimpse.testsupport.GlimpseSuite;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each projection is repaired from its topic after its consumer was down while the other service kept
 * changing things: nothing is lost, and both sides converge.
 */
class ProjectionRecoveryTest extends ThroughTheGateway {
    private static final Duration CONVERGENCE = Duration.ofSeconds(60);

    @Test
    void catalogCatchesUpOnMembershipsChangedWhileItWasDown() throws InterruptedException {
        String id = createImage("alice", Map.of("name", uniqueName("recover-members")))
                .jsonPath()
                .getString("id");
        ImageEventsTest.awaitProjection(id, CONVERGENCE);

        GlimpseSuite.glimpse("stop", "catalog-service");
        try {
            // sharing's synchronous push to catalog fails now; only the glimpse.members events remain.
            as("alice")
                    .contentType(ContentType.JSON)
                    .body(Map.of("member", "project-b"))
                    .post("/v2/images/" + id + "/members")
                    .then()
                    .statusCode(200);
            as("bob")
                    .contentType(ContentType.JSON)
                    .body(Map.of("status", "accepted"))
                    .put("/v2/images/" + id + "/members/project-b")
                    .then()
                    .statusCode(200);
        } finally {
            GlimpseSuite.glimpse("start", "catalog-service");
        }

        awaitTrue(() -> bobsImages().contains(id), "bob's list shows the image he accepted while catalog was down");
    }

    @Test
    void sharingCatchesUpOnVisibilityChangedWhileItWasDown() throws InterruptedException {
        String id = createImage("alice", Map.of("name", uniqueName("recover-visibility")))
                .jsonPath()
                .getString("id");
        ImageEventsTest.awaitProjection(id, CONVERGENCE);

        GlimpseSuite.glimpse("stop", "sharing-service");
        try {
            as("alice")
                    .contentType("application/openstack-images-v2.1-json-patch")
                    .body("[{\"op\":\"replace\",\"path\":\"/visibility\",\"value\":\"private\"}]".getBytes())
                    .patch("/v2/images/" + id)
                    .then()
                    .statusCode(200);
        } finally {
            GlimpseSuite.glimpse("start", "sharing-service");
        }

        awaitTrue(
                () -> "private".equals(ImageEventsTest.projection(id).jsonPath().getString("visibility")),
                "sharing's projection shows the visibility changed while it was down");
        // A private image takes no members (glance-v2-api.md §9): sharing now knows it is private.
        assertThat(as("alice")
                        .contentType(ContentType.JSON)
                        .body(Map.of("member", "project-b"))
                        .post("/v2/images/" + id + "/members")
                        .statusCode())
                .isEqualTo(403);
    }

    private static List<String> bobsImages() {
        Response list = as("bob").get("/v2/images?limit=1000");
        return list.statusCode() == 200 ? list.jsonPath().getList("images.id", String.class) : List.of();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(CONVERGENCE);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
