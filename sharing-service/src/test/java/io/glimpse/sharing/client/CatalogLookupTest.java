package io.glimpse.sharing.client;

import io.glimpse.contracts.model.Visibility;
import io.glimpse.sharing.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.glimpse.sharing.TestImages.addMember;
import static io.glimpse.sharing.TestImages.listMembers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Images the projection has not seen, or sees late: sharing asks catalog (with a real
 * client-credentials token, which {@link FakeCatalog} insists on) and keeps the answer.
 */
@QuarkusTest
class CatalogLookupTest {

    @Test
    void anImageNoEventBroughtYetIsLookedUpInCatalogOnce() {
        String image = UUID.randomUUID().toString();
        FakeCatalogControl.knows(TestImages.state(image, 5, Visibility.SHARED));

        Response added = addMember("alice", image, "project-b");

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(FakeCatalogControl.lookups(image)).isEqualTo(1);
        Response projection = TestImages.projection(image);
        assertThat(projection.jsonPath().getLong("sequence")).isEqualTo(5);
        assertThat(projection.jsonPath().getString("owner")).isEqualTo("project-a");
        assertThat(listMembers("alice", image).jsonPath().getList("members.member_id"))
                .containsExactly("project-b");
    }

    @Test
    void aGrantFromALaggingProjectionIsCheckedWithCatalog() {
        // Shared with project-b, then made private a moment ago (that event has not arrived): Glance answers 403.
        String image = TestImages.sharedOfAlice();
        assertThat(addMember("alice", image, "project-b").statusCode()).isEqualTo(200);
        FakeCatalogControl.knows(TestImages.state(image, 2, Visibility.PRIVATE));

        Response listed = listMembers("alice", image);

        assertThat(listed.statusCode()).isEqualTo(403);
        assertThat(listed.jsonPath().getString("message")).contains("Only shared images have members.");
        assertThat(TestImages.projection(image).jsonPath().getString("visibility"))
                .isEqualTo("private");
    }

    @Test
    void aDenialFromALaggingProjectionIsCheckedWithCatalog() {
        // Created private (the event arrived), then made shared a moment ago (that event has not).
        String image = TestImages.known(Visibility.PRIVATE);
        FakeCatalogControl.knows(TestImages.state(image, 2, Visibility.SHARED));

        Response added = addMember("alice", image, "project-b");

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(TestImages.projection(image).jsonPath().getString("visibility"))
                .isEqualTo("shared");
    }

    @Test
    void aDenialCatalogConfirmsStands() {
        String image = TestImages.known(Visibility.PRIVATE);
        FakeCatalogControl.knows(TestImages.state(image, 1, Visibility.PRIVATE));

        assertThat(addMember("alice", image, "project-b").statusCode()).isEqualTo(403);
        assertThat(FakeCatalogControl.lookups(image)).isEqualTo(1);
    }

    @Test
    void aCatalogOutageIs503ForImagesSharingHasNotSeen() {
        String unseen = UUID.randomUUID().toString();
        String known = TestImages.sharedOfAlice();
        FakeCatalogControl.answerLookupsWith(503);
        try {
            Response unavailable = addMember("alice", unseen, "project-b");

            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(unavailable.jsonPath().getString("message")).contains("try again later");
            // What sharing has seen does not need catalog.
            assertThat(addMember("alice", known, "project-b").statusCode()).isEqualTo(200);
        } finally {
            FakeCatalogControl.answerLookupsWith(200);
        }
    }
}
