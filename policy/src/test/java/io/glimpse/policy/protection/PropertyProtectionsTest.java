package io.glimpse.policy.protection;

import io.glimpse.policy.Credentials;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.glimpse.policy.protection.Operation.CREATE;
import static io.glimpse.policy.protection.Operation.DELETE;
import static io.glimpse.policy.protection.Operation.READ;
import static io.glimpse.policy.protection.Operation.UPDATE;
import static io.glimpse.policy.protection.ProtectionAssertions.allowed;
import static io.glimpse.policy.protection.ProtectionAssertions.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** Semantics of the roles flavour, on property-protections-edge-cases.conf. */
class PropertyProtectionsTest {

    private static final PropertyProtections PROTECTIONS =
            PropertyProtections.load(resource("/protection/property-protections-edge-cases.conf"), Flavor.ROLES);

    @Test
    void firstMatchingSectionInFileOrderWins() {
        // x_owner_tag matches both [^x_owner_] and [^x_.*]; the first one decides.
        assertThat(allowed(PROTECTIONS, "x_owner_tag", CREATE)).containsExactly("admin", "alice", "bob");
        assertThat(allowed(PROTECTIONS, "x_other", CREATE)).containsExactly("admin");
    }

    @Test
    void rolesAreComparedLowerCaseAndTrimmed() {
        // update = Member , admin
        assertThat(allowed(PROTECTIONS, "x_owner_tag", UPDATE)).containsExactly("admin", "alice", "bob");
    }

    @Test
    void atSignAllowsEveryone() {
        assertThat(allowed(PROTECTIONS, "x_owner_tag", READ)).containsExactly("admin", "alice", "bob", "carol", "svc");
    }

    @Test
    void atSignAmongRolesStillAllowsEveryone() {
        // delete = admin,@ (Glance only rejects '@' together with '!')
        assertThat(allowed(PROTECTIONS, "x_other", DELETE)).containsExactly("admin", "alice", "bob", "carol", "svc");
    }

    @Test
    void exclamationMarkDeniesEveryoneIncludingAdmin() {
        // delete = ! inherited from [DEFAULT]
        assertThat(allowed(PROTECTIONS, "x_owner_tag", DELETE)).isEmpty();
    }

    @Test
    void emptyValueDeniesEveryone() {
        assertThat(allowed(PROTECTIONS, "x_none_read", READ)).isEmpty();
        assertThat(allowed(PROTECTIONS, "x_none_read", CREATE))
                .containsExactly("admin", "alice", "bob", "carol", "svc");
    }

    @Test
    void propertyMatchingNoSectionIsDeniedForEveryOperation() {
        for (Operation operation : Operation.values()) {
            assertThat(allowed(PROTECTIONS, "plain", operation))
                    .as(operation.key())
                    .isEmpty();
        }
    }

    @Test
    void sectionsAreSearchedNotFullyMatched() {
        // [_suffix$] has no ^, so it matches anywhere: Python's re.search
        assertThat(allowed(PROTECTIONS, "my_suffix", CREATE)).containsExactly("admin", "alice", "bob", "carol");
        assertThat(allowed(PROTECTIONS, "my_suffix_not", CREATE)).isEmpty();
    }

    @Test
    void keysAreCaseInsensitiveColonDelimitsAndValuesContinueOnIndentedLines() {
        // "CREATE: reader," and "update =\n  admin,\n  member"
        assertThat(allowed(PROTECTIONS, "my_suffix", UPDATE)).containsExactly("admin", "alice", "bob");
        assertThat(allowed(PROTECTIONS, "my_suffix", DELETE)).containsExactly("admin", "alice", "bob", "carol");
    }

    @Test
    void reservedNamespaceSectionsFromTheFileAreDroppedAndReported() {
        assertThat(PROTECTIONS.ignoredSections()).containsExactly("os_glance_foo");
        for (Operation operation : Operation.values()) {
            assertThat(allowed(PROTECTIONS, "os_glance_foo", operation))
                    .containsExactly("admin", "alice", "bob", "carol", "svc");
        }
    }

    @Test
    void serviceRolesMergedIntoTheUserCount() {
        Credentials svcActingForCarol =
                Credentials.of("carol", "project-a", "reader").withAdditionalRoles(List.of("admin"));
        assertThat(PROTECTIONS.allowed("x_other", CREATE, svcActingForCarol)).isTrue();
    }

    @Test
    void pythonNamedGroupsAreUnderstood() {
        assertThat(PythonRegex.toJava("^(?P<ns>[a-z]+)_(?P=ns)$")).isEqualTo("^(?<ns>[a-z]+)_\\k<ns>$");
    }
}
