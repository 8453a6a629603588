package io.glimpse.policy.protection;

import io.glimpse.policy.PolicyConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Everything that makes Glance refuse to start must fail loading, with a message that says where and why. */
class InvalidProtectionFileTest {

    private static final String ALL_OPS = "create = admin\nread = admin\nupdate = admin\ndelete = admin\n";

    @TempDir
    Path dir;

    private void assertRejected(Flavor flavor, String ini, String message) throws IOException {
        Path file = Files.writeString(dir.resolve("protections.conf"), ini);
        assertThatThrownBy(() -> PropertyProtections.load(file, flavor))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessage(message.replace("$FILE", file.toString()));
    }

    @Test
    void invalidRegex() throws IOException {
        assertRejected(
                Flavor.ROLES,
                "[x_(]\n" + ALL_OPS,
                "Invalid property protection file $FILE: section [x_(] (line 1): not a valid regular expression: Unclosed group");
    }

    @Test
    void missingOperation() throws IOException {
        assertRejected(
                Flavor.ROLES,
                "[.*]\ncreate = admin\nread = admin\nupdate = admin\n",
                "Invalid property protection file $FILE: section [.*] (line 1): "
                        + "operation 'delete' is missing (every section must set create, read, update and delete)");
    }

    @Test
    void misspeltOperation() throws IOException {
        assertRejected(
                Flavor.ROLES,
                "[.*]\ncraete = admin\nread = admin\nupdate = admin\ndelete = admin\n",
                "Invalid property protection file $FILE: section [.*] (line 2): unknown operation 'craete' (expected create, read, update or delete)");
    }

    @Test
    void unknownOperationInDefaults() throws IOException {
        assertRejected(
                Flavor.ROLES,
                "[DEFAULT]\nlist = admin\n[.*]\n" + ALL_OPS,
                "Invalid property protection file $FILE: [DEFAULT] (line 2): unknown operation 'list' (expected create, read, update or delete)");
    }

    @Test
    void atSignWithExclamationMark() throws IOException {
        assertRejected(
                Flavor.ROLES,
                "[.*]\ncreate = admin\nread = @, !\nupdate = admin\ndelete = admin\n",
                "Invalid property protection file $FILE: section [.*] (line 3): read = @, !: '@' and '!' are mutually exclusive");
    }

    @Test
    void severalPoliciesForOneOperation() throws IOException {
        assertRejected(
                Flavor.POLICIES,
                "[.*]\ncreate = default,context_is_admin\nread = default\nupdate = default\n" + "delete = default\n",
                "Invalid property protection file $FILE: section [.*] (line 2): create = default,context_is_admin: only one policy is "
                        + "allowed per operation (combine them in the policy file)");
    }

    @Test
    void undefinedPolicy() throws IOException {
        assertRejected(
                Flavor.POLICIES,
                "[.*]\ncreate = default\nread = default\nupdate = glance_updater\n" + "delete = default\n",
                "Invalid property protection file $FILE: section [.*] (line 4): update = glance_updater: policy rule 'glance_updater' "
                        + "is not defined");
    }

    @Test
    void policyValueThatIsNotOneName() throws IOException {
        assertRejected(
                Flavor.POLICIES,
                "[.*]\ncreate = default\nread = role:admin or @\nupdate = default\n" + "delete = default\n",
                "Invalid property protection file $FILE: section [.*] (line 3): read = role:admin or @: not a single policy rule name");
    }

    @Test
    void duplicateSection() throws IOException {
        assertRejected(
                Flavor.ROLES,
                "[.*]\n" + ALL_OPS + "[.*]\n" + ALL_OPS,
                "Invalid property protection file $FILE (line 6): section [.*] appears twice (first at line 1)");
    }

    @Test
    void duplicateOperation() throws IOException {
        assertRejected(
                Flavor.ROLES,
                "[.*]\n" + ALL_OPS + "Create = member\n",
                "Invalid property protection file $FILE (line 6): 'create' is set twice in the same section (first at line 2)");
    }

    @Test
    void textBeforeTheFirstSection() throws IOException {
        assertRejected(
                Flavor.ROLES,
                "create = admin\n[.*]\n" + ALL_OPS,
                "Invalid property protection file $FILE (line 1): text before the first [section]: create = admin");
    }

    @Test
    void lineWithoutDelimiter() throws IOException {
        assertRejected(
                Flavor.ROLES,
                "[.*]\ncreate admin\n",
                "Invalid property protection file $FILE (line 2): expected 'key = value', found: create admin");
    }

    @Test
    void loneRoleSeparatorPercent() throws IOException {
        assertRejected(
                Flavor.ROLES,
                "[.*]\ncreate = 100%\nread = a\nupdate = a\ndelete = a\n",
                "Invalid property protection file $FILE (line 2): '%' must be written '%%' (interpolation is not supported): 100%");
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("absent.conf");
        assertThatThrownBy(() -> PropertyProtections.load(missing, Flavor.ROLES))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessage("Property protection file " + missing + " does not exist");
    }
}
