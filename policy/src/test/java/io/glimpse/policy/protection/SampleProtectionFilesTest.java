package io.glimpse.policy.protection;

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

import static io.glimpse.policy.protection.ProtectionAssertions.allowed;
import static io.glimpse.policy.protection.ProtectionAssertions.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** The two sample files quoted in glance-v2-api.md §12. */
class SampleProtectionFilesTest {

    private static final PropertyProtections ROLES =
            PropertyProtections.load(resource("/protection/property-protections-roles.conf"), Flavor.ROLES);
    private static final PropertyProtections POLICIES =
            PropertyProtections.load(resource("/protection/property-protections-policies.conf"), Flavor.POLICIES);

    @ParameterizedTest
    @EnumSource(Operation.class)
    void rolesSampleOpensXPropertiesToMembers(Operation operation) {
        assertThat(allowed(ROLES, "x_foo", operation)).containsExactly("admin", "alice", "bob");
        assertThat(ROLES.allowed("x_foo", operation, Credentials.of("legacy", "p", "_member_")))
                .isTrue();
        assertThat(ROLES.allowed("x_foo", operation, Credentials.of("legacy", "p", "_MEMBER_")))
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void rolesSampleKeepsEverythingElseForAdmin(Operation operation) {
        assertThat(allowed(ROLES, "foo", operation)).containsExactly("admin");
        // ^x_ is anchored: x_ in the middle of the name does not count
        assertThat(allowed(ROLES, "a_x_foo", operation)).containsExactly("admin");
        assertThat(allowed(ROLES, "X_foo", operation)).containsExactly("admin");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void policiesSampleOpensXPropertiesToEveryone(Operation operation) {
        // 'default' is the empty rule
        assertThat(allowed(POLICIES, "x_foo", operation)).containsExactly("admin", "alice", "bob", "carol", "svc");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void policiesSampleKeepsEverythingElseForContextIsAdmin(Operation operation) {
        assertThat(allowed(POLICIES, "foo", operation)).containsExactly("admin");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void reservedNamespaceIsAlwaysOpen(Operation operation) {
        // Glance puts [os_glance.*] = @ in front of the file's sections.
        assertThat(allowed(ROLES, "os_glance_import_task", operation))
                .containsExactly("admin", "alice", "bob", "carol", "svc");
        assertThat(allowed(POLICIES, "os_glance_import_task", operation))
                .containsExactly("admin", "alice", "bob", "carol", "svc");
    }

    @Test
    void policiesFlavourFollowsTheOperatorsPolicyFile(@TempDir Path dir) throws IOException {
        Path policyFile = Files.writeString(dir.resolve("policy.yaml"), "context_is_admin: \"role:cloud_admin\"\n");
        PropertyProtections protections = PropertyProtections.load(
                resource("/protection/property-protections-policies.conf"),
                Flavor.POLICIES,
                PolicyEngine.load(policyFile));
        Credentials cloudAdmin = Credentials.of("root", "ops", "cloud_admin");
        assertThat(protections.allowed("foo", Operation.UPDATE, cloudAdmin)).isTrue();
        assertThat(protections.allowed("foo", Operation.UPDATE, Personas.ADMIN)).isFalse();
        assertThat(protections.flavor()).isEqualTo(Flavor.POLICIES);
    }

    @Test
    void samplesDropNoSections() {
        assertThat(ROLES.ignoredSections()).isEmpty();
        assertThat(POLICIES.ignoredSections()).isEmpty();
    }
}
