package io.glimpse.policy.image;

import io.glimpse.policy.Personas;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ImageFactsTest {

    @Test
    void targetOfAnOwnedImage() {
        assertThat(ImageFacts.ownedBy("project-a", ImageVisibility.PRIVATE).policyTarget(Personas.BOB))
                .isEqualTo(Map.of("owner", "project-a", "project_id", "project-a", "visibility", "private"));
    }

    @Test
    void memberOfASharedImageAppearsAsMemberId() {
        ImageFacts image =
                ImageFacts.ownedBy("project-a", ImageVisibility.SHARED).withCallerMembership(MemberStatus.PENDING);
        assertThat(image.policyTarget(Personas.BOB))
                .isEqualTo(Map.of(
                        "owner",
                        "project-a",
                        "project_id",
                        "project-a",
                        "visibility",
                        "shared",
                        "member_id",
                        "project-b",
                        "member_status",
                        "pending"));
    }

    @Test
    void noMemberIdForTheOwnerOrForImagesThatAreNotShared() {
        ImageFacts shared =
                ImageFacts.ownedBy("project-a", ImageVisibility.SHARED).withCallerMembership(MemberStatus.ACCEPTED);
        assertThat(shared.policyTarget(Personas.ALICE)).doesNotContainKeys("member_id", "member_status");
        ImageFacts community =
                ImageFacts.ownedBy("project-a", ImageVisibility.COMMUNITY).withCallerMembership(MemberStatus.ACCEPTED);
        assertThat(community.policyTarget(Personas.BOB)).doesNotContainKeys("member_id", "member_status");
    }

    @Test
    void ownerlessImageHasNoOwnerInTheTarget() {
        ImageFacts image = new ImageFacts(Optional.empty(), ImageVisibility.PUBLIC, Optional.empty());
        assertThat(image.policyTarget(Personas.BOB)).isEqualTo(Map.of("visibility", "public"));
        assertThat(image.isOwnedBy("project-b")).isFalse();
    }

    @Test
    void visibilityWireValues() {
        assertThat(ImageVisibility.fromWireValue("community")).contains(ImageVisibility.COMMUNITY);
        assertThat(ImageVisibility.fromWireValue("Community")).isEmpty();
        assertThat(ImageVisibility.SHARED.wireValue()).isEqualTo("shared");
    }
}
