package io.glimpse.sharing.policy;

import io.glimpse.contracts.model.MemberStatus;
import io.glimpse.policy.PolicyEngine;
import io.glimpse.sharing.domain.ImageNotFoundException;
import io.glimpse.sharing.domain.ImageProjection;
import io.glimpse.sharing.domain.MemberNotFoundException;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The authorization matrix of the members API (glance-v2-api.md §9, §14.2) with Glance's default
 * rules: persona × operation × image visibility → allowed, 403 or 404. Images belong to project-a.
 */
class MemberPolicyTest {
    private static final MemberPolicy POLICY = new MemberPolicy(PolicyEngine.withDefaults());

    /** Who calls, and the caller's membership of the image (none, or its status). */
    private static final Map<String, Persona> PERSONAS = Map.of(
            "owner", new Persona("project-a", Optional.empty(), "member", "reader"),
            "owner-reader", new Persona("project-a", Optional.empty(), "reader"),
            "member", new Persona("project-b", Optional.of(MemberStatus.ACCEPTED), "member", "reader"),
            "pending-member", new Persona("project-b", Optional.of(MemberStatus.PENDING), "member", "reader"),
            "reader-member", new Persona("project-d", Optional.of(MemberStatus.ACCEPTED), "reader"),
            "stranger", new Persona("project-c", Optional.empty(), "member", "reader"),
            "admin", new Persona("admin-project", Optional.empty(), "admin", "member", "reader"));

    @ParameterizedTest(name = "{0} {1} on a {2} image: {3}")
    @CsvSource({
        // shared images
        "owner,          ADD_MEMBER,    shared, allowed",
        "owner-reader,   ADD_MEMBER,    shared, 403",
        "member,         ADD_MEMBER,    shared, 403",
        "stranger,       ADD_MEMBER,    shared, 404",
        "admin,          ADD_MEMBER,    shared, allowed",
        "owner,          LIST_MEMBERS,  shared, allowed",
        "owner-reader,   LIST_MEMBERS,  shared, allowed",
        "member,         LIST_MEMBERS,  shared, allowed",
        "pending-member, LIST_MEMBERS,  shared, allowed",
        "reader-member,  LIST_MEMBERS,  shared, allowed",
        "stranger,       LIST_MEMBERS,  shared, 404",
        "admin,          LIST_MEMBERS,  shared, allowed",
        "member,         SHOW_MEMBER,   shared, allowed",
        "stranger,       SHOW_MEMBER,   shared, 404",
        "owner,          UPDATE_MEMBER, shared, 403",
        "owner-reader,   UPDATE_MEMBER, shared, 403",
        "member,         UPDATE_MEMBER, shared, allowed",
        "pending-member, UPDATE_MEMBER, shared, allowed",
        "reader-member,  UPDATE_MEMBER, shared, 403",
        "stranger,       UPDATE_MEMBER, shared, 404",
        "admin,          UPDATE_MEMBER, shared, allowed",
        "owner,          DELETE_MEMBER, shared, allowed",
        "owner-reader,   DELETE_MEMBER, shared, 403",
        "member,         DELETE_MEMBER, shared, 403",
        "admin,          DELETE_MEMBER, shared, allowed",
        // other visibilities: no members at all; invisible stays 404, and show hides every 403
        "owner,          ADD_MEMBER,    private, 403",
        "admin,          ADD_MEMBER,    private, 403",
        "owner,          LIST_MEMBERS,  private, 403",
        "owner,          SHOW_MEMBER,   private, 404",
        "member,         LIST_MEMBERS,  private, 404",
        "stranger,       ADD_MEMBER,    private, 404",
        "stranger,       LIST_MEMBERS,  public, 403",
        "stranger,       SHOW_MEMBER,   public, 404",
        "owner,          ADD_MEMBER,    community, 403",
    })
    void matrix(String persona, MemberOperation operation, String visibility, String expected) {
        Persona who = PERSONAS.get(persona);
        ImageProjection image = image(visibility);

        Throwable denial =
                catchThrowable(() -> POLICY.authorize(operation, who.caller(), image, who.membership(), "m"));

        switch (expected) {
            case "allowed" -> assertThat(denial).isNull();
            case "403" -> assertThat(denial).isInstanceOf(GlimpseException.Forbidden.class);
            case "404" ->
                assertThat(denial).isInstanceOfAny(ImageNotFoundException.class, MemberNotFoundException.class);
            default -> throw new IllegalArgumentException(expected);
        }
    }

    @ParameterizedTest(name = "{0} sees every member: {1}")
    @CsvSource({"owner, true", "owner-reader, true", "admin, true", "member, false", "stranger, false"})
    void onlyTheOwningProjectAndAdminsSeeEveryMember(String persona, boolean everyMember) {
        assertThat(POLICY.seesEveryMember(PERSONAS.get(persona).caller(), image("shared")))
                .isEqualTo(everyMember);
    }

    private static ImageProjection image(String visibility) {
        ImageProjection image = new ImageProjection();
        image.imageId = "0f7a4e2e-1111-4c1c-9d7e-000000000001";
        image.owner = "project-a";
        image.visibility = visibility;
        image.status = "active";
        return image;
    }

    private record Persona(String project, Optional<MemberStatus> membership, String... roles) {
        Caller caller() {
            return new Caller("user-of-" + project, project, Set.of(roles), "req-test");
        }
    }
}
