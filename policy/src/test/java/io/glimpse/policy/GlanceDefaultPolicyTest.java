package io.glimpse.policy;

import io.glimpse.policy.image.ImageFacts;
import io.glimpse.policy.image.ImageVisibility;
import io.glimpse.policy.image.MemberStatus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.glimpse.policy.GlancePolicy.*;
import static io.glimpse.policy.image.ImageVisibility.PRIVATE;
import static io.glimpse.policy.image.ImageVisibility.PUBLIC;
import static io.glimpse.policy.image.ImageVisibility.SHARED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every default rule against every persona, for an image owned by project-a in each visibility.
 * The expectations are written out by hand from glance-v2-api.md §14.
 */
class GlanceDefaultPolicyTest {

    private static final PolicyEngine ENGINE = PolicyEngine.withDefaults();

    private static final Set<String> EVERYONE = Set.of("admin", "alice", "bob", "carol", "svc");
    private static final Set<String> ADMIN_ONLY = Set.of("admin");
    private static final Set<String> ADMIN_OR_OWNER_MEMBER = Set.of("admin", "alice");
    private static final Set<String> ADMIN_OR_OWNER_READER = Set.of("admin", "alice", "carol");
    private static final Set<String> ADMIN_OR_SERVICE = Set.of("admin", "svc");
    private static final Set<String> READERS = Set.of("admin", "alice", "bob", "carol");
    private static final Set<String> MEMBERS = Set.of("admin", "alice", "bob");

    /** Expected callers allowed, per rule, per visibility of an image owned by project-a. */
    private static final Map<GlancePolicy, Function<ImageVisibility, Set<String>>> EXPECTED = expected();

    private static Map<GlancePolicy, Function<ImageVisibility, Set<String>>> expected() {
        Map<GlancePolicy, Function<ImageVisibility, Set<String>>> e = new EnumMap<>(GlancePolicy.class);
        for (GlancePolicy p :
                new GlancePolicy[] {DEFAULT, GET_TASK, GET_TASKS, ADD_TASK, MODIFY_TASK, METADEF_DEFAULT}) {
            e.put(p, v -> EVERYONE);
        }
        for (GlancePolicy p : new GlancePolicy[] {
            CONTEXT_IS_ADMIN,
            PUBLICIZE_IMAGE,
            COPY_IMAGE,
            DELETE_IMAGE_LOCATION,
            MANAGE_IMAGE_CACHE,
            CACHE_IMAGE,
            CACHE_LIST,
            CACHE_DELETE,
            CACHE_CLEAN,
            CACHE_PRUNE,
            LIST_CACHED_NODES,
            TASKS_API_ACCESS,
            MODIFY_MEMBER,
            METADEF_ADMIN,
            MODIFY_METADEF_NAMESPACE,
            ADD_METADEF_NAMESPACE,
            DELETE_METADEF_NAMESPACE,
            MODIFY_METADEF_OBJECT,
            ADD_METADEF_OBJECT,
            DELETE_METADEF_OBJECT,
            ADD_METADEF_RESOURCE_TYPE_ASSOCIATION,
            REMOVE_METADEF_RESOURCE_TYPE_ASSOCIATION,
            MODIFY_METADEF_PROPERTY,
            ADD_METADEF_PROPERTY,
            REMOVE_METADEF_PROPERTY,
            MODIFY_METADEF_TAG,
            ADD_METADEF_TAG,
            ADD_METADEF_TAGS,
            DELETE_METADEF_TAG,
            DELETE_METADEF_TAGS
        }) {
            e.put(p, v -> ADMIN_ONLY);
        }
        for (GlancePolicy p : new GlancePolicy[] {
            ADD_IMAGE,
            MODIFY_IMAGE,
            DELETE_IMAGE,
            UPLOAD_IMAGE,
            COMMUNITIZE_IMAGE,
            DEACTIVATE,
            REACTIVATE,
            SET_IMAGE_LOCATION,
            ADD_MEMBER,
            DELETE_MEMBER
        }) {
            e.put(p, v -> ADMIN_OR_OWNER_MEMBER);
        }
        for (GlancePolicy p : new GlancePolicy[] {GET_IMAGES, GET_IMAGE_LOCATION, GET_MEMBER, GET_MEMBERS}) {
            e.put(p, v -> ADMIN_OR_OWNER_READER);
        }
        for (GlancePolicy p : new GlancePolicy[] {SERVICE_API, FETCH_IMAGE_LOCATION, STORES_INFO_DETAIL}) {
            e.put(p, v -> ADMIN_OR_SERVICE);
        }
        e.put(ADD_IMAGE_LOCATION, v -> Set.of("admin", "alice", "svc"));
        e.put(GET_IMAGE, v -> v == PRIVATE ? ADMIN_OR_OWNER_READER : READERS);
        e.put(DOWNLOAD_IMAGE, v -> v == PRIVATE ? ADMIN_OR_OWNER_MEMBER : MEMBERS);
        e.put(DOWNLOAD_FROM_STORE, v -> v == PRIVATE ? ADMIN_OR_OWNER_MEMBER : MEMBERS);
        for (GlancePolicy p : new GlancePolicy[] {
            GET_METADEF_NAMESPACE,
            GET_METADEF_NAMESPACES,
            GET_METADEF_OBJECT,
            GET_METADEF_OBJECTS,
            LIST_METADEF_RESOURCE_TYPES,
            GET_METADEF_RESOURCE_TYPE,
            GET_METADEF_PROPERTY,
            GET_METADEF_PROPERTIES,
            GET_METADEF_TAG,
            GET_METADEF_TAGS
        }) {
            // Namespaces are only public or private; only 'public' opens them to other projects.
            e.put(p, v -> v == PUBLIC ? READERS : ADMIN_OR_OWNER_READER);
        }
        return e;
    }

    private static Set<String> allowedCallers(GlancePolicy rule, Function<Credentials, Map<String, ?>> targetFor) {
        return Personas.ALL.values().stream()
                .filter(creds -> ENGINE.allowed(rule, creds, targetFor.apply(creds)))
                .map(Credentials::userId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void expectationsCoverEveryGlancePolicy() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(GlancePolicy.values());
    }

    @Test
    void defaultsDefineExactlyTheGlancePolicies() {
        assertThat(ENGINE.ruleNames())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(GlancePolicy.values())
                        .map(GlancePolicy::ruleName)
                        .toList());
    }

    @TestFactory
    Stream<DynamicTest> everyRuleForEveryPersonaAndVisibility() {
        return EXPECTED.entrySet().stream()
                .flatMap(entry -> Arrays.stream(ImageVisibility.values())
                        .map(visibility -> DynamicTest.dynamicTest(
                                entry.getKey() + " on " + visibility.wireValue() + " image of project-a", () -> {
                                    ImageFacts image = ImageFacts.ownedBy("project-a", visibility);
                                    assertThat(allowedCallers(entry.getKey(), image::policyTarget))
                                            .containsExactlyInAnyOrderElementsOf(
                                                    entry.getValue().apply(visibility));
                                })));
    }

    @Test
    void membershipOfASharedImageOpensMemberRulesToTheMember() {
        // bob's project is a member (status does not matter to policy: pending members must be able to accept).
        for (MemberStatus status : MemberStatus.values()) {
            ImageFacts image = ImageFacts.ownedBy("project-a", SHARED);
            Function<Credentials, Map<String, ?>> target = caller ->
                    (caller == Personas.BOB ? image.withCallerMembership(status) : image).policyTarget(caller);
            assertThat(allowedCallers(GET_MEMBER, target)).containsExactly("admin", "alice", "bob", "carol");
            assertThat(allowedCallers(GET_MEMBERS, target)).containsExactly("admin", "alice", "bob", "carol");
            // The owner cannot accept on the member's behalf (Tempest test_image_share_owner_cannot_accept).
            assertThat(allowedCallers(MODIFY_MEMBER, target)).containsExactly("admin", "bob");
            assertThat(allowedCallers(MODIFY_IMAGE, target)).containsExactly("admin", "alice");
            assertThat(allowedCallers(DELETE_MEMBER, target)).containsExactly("admin", "alice");
        }
    }

    @Test
    void memberIdOpensGetAndDownloadOfAnImageWhateverItsVisibility() {
        // The rule itself only looks at member_id; ImageFacts sets it only for shared images.
        Map<String, String> target = Map.of(
                "project_id", "project-a", "owner", "project-a", "visibility", "private", "member_id", "project-b");
        assertThat(ENGINE.allowed(GET_IMAGE, Personas.BOB, target)).isTrue();
        assertThat(ENGINE.allowed(DOWNLOAD_IMAGE, Personas.BOB, target)).isTrue();
        assertThat(ENGINE.allowed(GET_IMAGE, Personas.SVC, target)).isFalse();
    }

    @Test
    void readerOnlyMemberProjectMayReadButNotDownload() {
        Credentials readerInB = Credentials.of("dave", "project-b", "reader");
        ImageFacts image = ImageFacts.ownedBy("project-a", SHARED).withCallerMembership(MemberStatus.ACCEPTED);
        assertThat(ENGINE.allowed(GET_IMAGE, readerInB, image.policyTarget(readerInB)))
                .isTrue();
        assertThat(ENGINE.allowed(GET_MEMBERS, readerInB, image.policyTarget(readerInB)))
                .isTrue();
        assertThat(ENGINE.allowed(DOWNLOAD_IMAGE, readerInB, image.policyTarget(readerInB)))
                .isFalse();
        assertThat(ENGINE.allowed(MODIFY_MEMBER, readerInB, image.policyTarget(readerInB)))
                .isFalse();
    }

    @Test
    void listingIsCheckedAgainstTheCallersOwnProject() {
        assertThat(allowedCallers(GET_IMAGES, PolicyTargets::callerProject))
                .containsExactly("admin", "alice", "bob", "carol");
    }

    @Test
    void creatingAnImageForAnotherProjectNeedsAdmin() {
        ImageFacts forProjectA = ImageFacts.ownedBy("project-a", PRIVATE);
        assertThat(ENGINE.allowed(ADD_IMAGE, Personas.ALICE, forProjectA.policyTarget(Personas.ALICE)))
                .isTrue();
        assertThat(ENGINE.allowed(ADD_IMAGE, Personas.BOB, forProjectA.policyTarget(Personas.BOB)))
                .isFalse();
        assertThat(ENGINE.allowed(ADD_IMAGE, Personas.ADMIN, forProjectA.policyTarget(Personas.ADMIN)))
                .isTrue();
        // owner and project_id must both be the caller's project
        assertThat(ENGINE.allowed(ADD_IMAGE, Personas.ALICE, Map.of("project_id", "project-a", "owner", "project-b")))
                .isFalse();
    }

    @Test
    void routeLevelRulesNeedNoTarget() {
        assertThat(allowedCallers(PUBLICIZE_IMAGE, c -> Map.of())).containsExactly("admin");
        assertThat(allowedCallers(TASKS_API_ACCESS, c -> Map.of())).containsExactly("admin");
        assertThat(allowedCallers(STORES_INFO_DETAIL, c -> Map.of())).containsExactly("admin", "svc");
        assertThat(allowedCallers(GET_IMAGES, c -> Map.of())).containsExactly("admin");
    }

    @Test
    void keyCheckStringsAreGlancesExactly() {
        assertThat(ENGINE.checkString("get_image"))
                .contains("rule:context_is_admin or (role:reader and "
                        + "(project_id:%(project_id)s or project_id:%(member_id)s or 'community':%(visibility)s "
                        + "or 'public':%(visibility)s or 'shared':%(visibility)s))");
        assertThat(ENGINE.checkString("add_image"))
                .contains(
                        "rule:context_is_admin or (role:member and project_id:%(project_id)s and project_id:%(owner)s)");
        assertThat(ENGINE.checkString("get_members"))
                .contains(
                        "rule:context_is_admin or role:reader and (project_id:%(project_id)s or project_id:%(member_id)s)");
        assertThat(ENGINE.checkString("modify_member"))
                .contains("rule:context_is_admin or (role:member and project_id:%(member_id)s)");
        assertThat(ENGINE.checkString("context_is_admin")).contains("role:admin");
        assertThat(ENGINE.checkString("default")).contains("");
        assertThat(ENGINE.checkString("service_api")).contains("role:service or role:admin");
        assertThat(ENGINE.checkString("tasks_api_access")).contains("role:admin");
        assertThat(ENGINE.checkString("get_task")).contains("rule:default");
    }

    @Test
    void getMembersParsesWithAndBindingTighterThanOr() {
        assertThat(ENGINE.check("get_members").orElseThrow())
                .hasToString(
                        "(rule:context_is_admin or (role:reader and (project_id:%(project_id)s or project_id:%(member_id)s)))");
    }

    @Test
    void enforceThrowsNamingTheRule() {
        ImageFacts image = ImageFacts.ownedBy("project-a", PRIVATE);
        ENGINE.enforce(MODIFY_IMAGE, Personas.ALICE, image.policyTarget(Personas.ALICE));
        assertThatThrownBy(() -> ENGINE.enforce(MODIFY_IMAGE, Personas.BOB, image.policyTarget(Personas.BOB)))
                .isInstanceOfSatisfying(
                        PolicyDeniedException.class,
                        e -> assertThat(e.ruleName()).isEqualTo("modify_image"))
                .hasMessage("Policy doesn't allow modify_image to be performed.");
    }

    @Test
    void unknownRuleNamesAreDenied() {
        assertThat(ENGINE.allowed("no_such_rule", Personas.ADMIN, Map.of())).isFalse();
        assertThatThrownBy(() -> ENGINE.enforce("no_such_rule", Personas.ADMIN, Map.of()))
                .isInstanceOf(PolicyDeniedException.class);
    }

    @Test
    void glancePolicyLooksUpByRuleName() {
        assertThat(GlancePolicy.fromRuleName("get_image")).contains(GET_IMAGE);
        assertThat(GlancePolicy.fromRuleName("nope")).isEmpty();
        assertThat(Stream.of(GlancePolicy.values())
                        .map(GlancePolicy::ruleName)
                        .distinct()
                        .count())
                .isEqualTo(GlancePolicy.values().length);
    }
}
