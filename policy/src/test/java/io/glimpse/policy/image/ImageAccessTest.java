package io.glimpse.policy.image;

import io.glimpse.policy.Credentials;
import io.glimpse.policy.Personas;
import io.glimpse.policy.PolicyEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.glimpse.policy.image.ImageVisibility.COMMUNITY;
import static io.glimpse.policy.image.ImageVisibility.PRIVATE;
import static io.glimpse.policy.image.ImageVisibility.PUBLIC;
import static io.glimpse.policy.image.ImageVisibility.SHARED;
import static org.assertj.core.api.Assertions.assertThat;

/** §2.5 / §4.5: who can see an image by id. */
class ImageAccessTest {

    private static final ImageAccess ACCESS = new ImageAccess(PolicyEngine.withDefaults());

    private static Set<String> whoSees(Function<Credentials, ImageFacts> imageAsSeenBy) {
        return whoSees(ACCESS, imageAsSeenBy);
    }

    private static Set<String> whoSees(ImageAccess access, Function<Credentials, ImageFacts> imageAsSeenBy) {
        return Personas.ALL.values().stream()
                .filter(c -> access.isVisible(c, imageAsSeenBy.apply(c)))
                .map(Credentials::userId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void publicAndCommunityImagesAreVisibleToEveryone() {
        assertThat(whoSees(c -> ImageFacts.ownedBy("project-a", PUBLIC)))
                .containsExactly("admin", "alice", "bob", "carol", "svc");
        assertThat(whoSees(c -> ImageFacts.ownedBy("project-a", COMMUNITY)))
                .containsExactly("admin", "alice", "bob", "carol", "svc");
    }

    @Test
    void privateImagesAreVisibleToTheOwningProjectAndAdmin() {
        assertThat(whoSees(c -> ImageFacts.ownedBy("project-a", PRIVATE))).containsExactly("admin", "alice", "carol");
    }

    @Test
    void sharedImagesWithoutMembersAreVisibleToTheOwningProjectAndAdmin() {
        assertThat(whoSees(c -> ImageFacts.ownedBy("project-a", SHARED))).containsExactly("admin", "alice", "carol");
    }

    @ParameterizedTest
    @EnumSource(MemberStatus.class)
    void sharedImagesAreVisibleToMembersWhateverTheirStatus(MemberStatus status) {
        ImageFacts image = ImageFacts.ownedBy("project-a", SHARED);
        assertThat(whoSees(c -> c == Personas.BOB ? image.withCallerMembership(status) : image))
                .containsExactly("admin", "alice", "bob", "carol");
    }

    @Test
    void membershipOfANoLongerSharedImageIsNotHonoured() {
        ImageFacts image = ImageFacts.ownedBy("project-a", PRIVATE);
        assertThat(whoSees(c -> c == Personas.BOB ? image.withCallerMembership(MemberStatus.ACCEPTED) : image))
                .containsExactly("admin", "alice", "carol");
    }

    @ParameterizedTest
    @EnumSource(ImageVisibility.class)
    void ownerlessImagesAreVisibleToEveryone(ImageVisibility visibility) {
        assertThat(whoSees(c -> new ImageFacts(Optional.empty(), visibility, Optional.empty())))
                .containsExactly("admin", "alice", "bob", "carol", "svc");
    }

    @Test
    void adminIsWhoeverContextIsAdminSaysItIs(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yaml"), "context_is_admin: \"role:cloud_admin\"\n");
        ImageAccess access = new ImageAccess(PolicyEngine.load(file));
        Credentials cloudAdmin = Credentials.of("root", "ops", "cloud_admin");
        ImageFacts privateImage = ImageFacts.ownedBy("project-a", PRIVATE);
        assertThat(access.isVisible(cloudAdmin, privateImage)).isTrue();
        assertThat(access.isVisible(Personas.ADMIN, privateImage)).isFalse();
        assertThat(access.isAdmin(cloudAdmin)).isTrue();
        assertThat(ACCESS.isAdmin(Personas.ADMIN)).isTrue();
        assertThat(ACCESS.isAdmin(Personas.ALICE)).isFalse();
    }
}
