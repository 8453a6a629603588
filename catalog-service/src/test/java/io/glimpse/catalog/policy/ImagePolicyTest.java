package io.glimpse.catalog.policy;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageNotFoundException;
import io.glimpse.contracts.model.MemberStatus;
import io.glimpse.contracts.model.Visibility;
import io.glimpse.policy.PolicyEngine;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The authorization matrix of the catalog (glance-v2-api.md §2.5, §14) with Glance's default rules and no property
 * protections: persona × operation × image visibility → allowed, 403 or 404. Images belong to project-a; a
 * persona's membership counts only on shared images, as {@code ImageLookup} reads it.
 */
class ImagePolicyTest {
    private static final ImagePolicy POLICY =
            new ImagePolicy(PolicyEngine.withDefaults(), PropertyRules.unrestricted());

    /** Who calls, and the caller's membership of a shared image (none, or its status). */
    private static final Map<String, Persona> PERSONAS = Map.ofEntries(
            Map.entry("owner", new Persona("project-a", Optional.empty(), "member", "reader")),
            Map.entry("owner-reader", new Persona("project-a", Optional.empty(), "reader")),
            Map.entry("owner-no-role", new Persona("project-a", Optional.empty())),
            Map.entry("member", new Persona("project-b", Optional.of(MemberStatus.ACCEPTED), "member", "reader")),
            Map.entry(
                    "pending-member", new Persona("project-b", Optional.of(MemberStatus.PENDING), "member", "reader")),
            Map.entry(
                    "rejected-member",
                    new Persona("project-b", Optional.of(MemberStatus.REJECTED), "member", "reader")),
            Map.entry("reader-member", new Persona("project-d", Optional.of(MemberStatus.ACCEPTED), "reader")),
            Map.entry("stranger", new Persona("project-c", Optional.empty(), "member", "reader")),
            Map.entry("admin", new Persona("admin-project", Optional.empty(), "admin", "member", "reader")),
            Map.entry("service", new Persona("service", Optional.empty(), "service")));

    @ParameterizedTest(name = "{0} {1} on a {2} image: {3}")
    @CsvSource({
        // get_image, after the visibility rule: what may not be seen is not found
        "owner,           SHOW_IMAGE,         private,   allowed",
        "owner-reader,    SHOW_IMAGE,         private,   allowed",
        "owner-no-role,   SHOW_IMAGE,         private,   404",
        "stranger,        SHOW_IMAGE,         private,   404",
        "stranger,        SHOW_IMAGE,         shared,    404",
        "stranger,        SHOW_IMAGE,         community, allowed",
        "stranger,        SHOW_IMAGE,         public,    allowed",
        "member,          SHOW_IMAGE,         shared,    allowed",
        "pending-member,  SHOW_IMAGE,         shared,    allowed",
        "rejected-member, SHOW_IMAGE,         shared,    allowed",
        "reader-member,   SHOW_IMAGE,         shared,    allowed",
        "admin,           SHOW_IMAGE,         private,   allowed",
        "service,         SHOW_IMAGE,         private,   404",
        "service,         SHOW_IMAGE,         public,    404",
        // modify_image: members of the owning project
        "owner,           MODIFY_IMAGE,       private,   allowed",
        "owner,           MODIFY_IMAGE,       shared,    allowed",
        "owner,           MODIFY_IMAGE,       public,    allowed",
        "owner-reader,    MODIFY_IMAGE,       private,   403",
        "member,          MODIFY_IMAGE,       shared,    403",
        "stranger,        MODIFY_IMAGE,       public,    403",
        "stranger,        MODIFY_IMAGE,       community, 403",
        "stranger,        MODIFY_IMAGE,       private,   404",
        "admin,           MODIFY_IMAGE,       private,   allowed",
        "service,         MODIFY_IMAGE,       public,    404",
        // delete_image, upload_image, deactivate, reactivate: the same rule
        "owner,           DELETE_IMAGE,       private,   allowed",
        "owner-reader,    DELETE_IMAGE,       private,   403",
        "member,          DELETE_IMAGE,       shared,    403",
        "stranger,        DELETE_IMAGE,       public,    403",
        "admin,           DELETE_IMAGE,       shared,    allowed",
        "owner,           UPLOAD_IMAGE,       private,   allowed",
        "owner-reader,    UPLOAD_IMAGE,       private,   403",
        "member,          UPLOAD_IMAGE,       shared,    403",
        "stranger,        UPLOAD_IMAGE,       private,   404",
        "owner,           DEACTIVATE_IMAGE,   private,   allowed",
        "owner-reader,    DEACTIVATE_IMAGE,   private,   403",
        "stranger,        DEACTIVATE_IMAGE,   public,    403",
        "admin,           DEACTIVATE_IMAGE,   public,    allowed",
        "owner,           REACTIVATE_IMAGE,   private,   allowed",
        "member,          REACTIVATE_IMAGE,   shared,    403",
        // download_image: members of any project that may see it, readers not
        "owner,           DOWNLOAD_IMAGE,     private,   allowed",
        "owner-reader,    DOWNLOAD_IMAGE,     private,   403",
        "member,          DOWNLOAD_IMAGE,     shared,    allowed",
        "pending-member,  DOWNLOAD_IMAGE,     shared,    allowed",
        "reader-member,   DOWNLOAD_IMAGE,     shared,    403",
        "stranger,        DOWNLOAD_IMAGE,     public,    allowed",
        "stranger,        DOWNLOAD_IMAGE,     community, allowed",
        "stranger,        DOWNLOAD_IMAGE,     shared,    404",
        "admin,           DOWNLOAD_IMAGE,     private,   allowed",
        // get_image_location: readers of the owning project
        "owner,           GET_IMAGE_LOCATION, private,   allowed",
        "owner-reader,    GET_IMAGE_LOCATION, private,   allowed",
        "member,          GET_IMAGE_LOCATION, shared,    403",
        "stranger,        GET_IMAGE_LOCATION, public,    403",
        "admin,           GET_IMAGE_LOCATION, private,   allowed",
    })
    void operationsOnAnImage(String persona, CatalogOperation operation, String visibility, String expected) {
        Persona who = PERSONAS.get(persona);
        Image image = image(Visibility.fromWire(visibility));
        Optional<MemberStatus> membership = image.visibility == Visibility.SHARED ? who.membership() : Optional.empty();

        assertOutcome(() -> POLICY.authorize(operation, who.caller(), image, membership), expected);
    }

    @ParameterizedTest(name = "{0} creates a {2} image owned by {1}: {3}")
    @CsvSource({
        "owner,        project-a,     private,   allowed",
        "owner,        project-a,     shared,    allowed",
        "owner,        project-a,     community, allowed",
        "owner,        project-a,     public,    403",
        "owner,        project-b,     private,   403",
        "owner-reader, project-a,     private,   403",
        "admin,        project-b,     private,   allowed",
        "admin,        admin-project, public,    allowed",
        "service,      service,       private,   403",
    })
    void create(String persona, String owner, String visibility, String expected) {
        Caller caller = PERSONAS.get(persona).caller();

        assertOutcome(
                () -> POLICY.authorizeCreate(caller, owner, Visibility.fromWire(visibility), List.of()), expected);
    }

    @ParameterizedTest(name = "{0} lists images: {1}")
    @CsvSource({"owner, allowed", "owner-reader, allowed", "owner-no-role, 403", "admin, allowed", "service, 403"})
    void list(String persona, String expected) {
        assertOutcome(() -> POLICY.authorizeList(PERSONAS.get(persona).caller()), expected);
    }

    @ParameterizedTest(name = "{0} reads the stores' details: {1}")
    @CsvSource({"owner, 403", "admin, allowed", "service, allowed"})
    void storesDetail(String persona, String expected) {
        assertOutcome(() -> POLICY.authorizeStoresDetail(PERSONAS.get(persona).caller()), expected);
    }

    @ParameterizedTest(name = "{0} makes a private image {1}: {2}")
    @CsvSource({
        "owner,        public,    403",
        "owner,        community, allowed",
        "owner,        shared,    allowed",
        "owner-reader, community, 403",
        "admin,        public,    allowed",
    })
    void visibilityChange(String persona, String target, String expected) {
        Caller caller = PERSONAS.get(persona).caller();
        Image image = image(Visibility.PRIVATE);

        assertOutcome(() -> POLICY.authorizeVisibilityChange(caller, image, Visibility.fromWire(target)), expected);
    }

    @ParameterizedTest(name = "{0} changes an owner: {1}")
    @CsvSource({"owner, 403", "admin, allowed"})
    void ownerChange(String persona, String expected) {
        assertOutcome(() -> POLICY.authorizeOwnerChange(PERSONAS.get(persona).caller()), expected);
    }

    /** The location rules a use case checks on top of its own, on a private image of project-a. */
    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "owner,        SET_IMAGE_LOCATION,    allowed",
        "owner-reader, SET_IMAGE_LOCATION,    403",
        "stranger,     SET_IMAGE_LOCATION,    403",
        "admin,        SET_IMAGE_LOCATION,    allowed",
        "owner,        DELETE_IMAGE_LOCATION, 403",
        "admin,        DELETE_IMAGE_LOCATION, allowed",
        "service,      ADD_IMAGE_LOCATION,    allowed",
        "owner,        ADD_IMAGE_LOCATION,    allowed",
        "owner-reader, ADD_IMAGE_LOCATION,    403",
        "stranger,     ADD_IMAGE_LOCATION,    403",
        "service,      FETCH_IMAGE_LOCATION,  allowed",
        "admin,        FETCH_IMAGE_LOCATION,  allowed",
        "owner,        FETCH_IMAGE_LOCATION,  403",
    })
    void locationRules(String persona, CatalogOperation operation, String expected) {
        Caller caller = PERSONAS.get(persona).caller();

        assertOutcome(() -> POLICY.authorizeAlso(operation, caller, image(Visibility.PRIVATE)), expected);
    }

    private static void assertOutcome(Runnable decision, String expected) {
        Throwable denial = catchThrowable(decision::run);
        switch (expected) {
            case "allowed" -> assertThat(denial).isNull();
            case "403" -> assertThat(denial).isInstanceOf(GlimpseException.Forbidden.class);
            case "404" -> assertThat(denial).isInstanceOf(ImageNotFoundException.class);
            default -> throw new IllegalArgumentException(expected);
        }
    }

    private static Image image(Visibility visibility) {
        Image image = new Image();
        image.id = "0f7a4e2e-2222-4c1c-9d7e-000000000001";
        image.owner = "project-a";
        image.visibility = visibility;
        return image;
    }

    private record Persona(String project, Optional<MemberStatus> membership, String... roles) {
        Caller caller() {
            return new Caller("user-of-" + project, project, Set.of(roles), "req-test");
        }
    }
}
