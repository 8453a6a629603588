package io.glimpse.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvalidPolicyFileTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("policy.yaml"), yaml);
    }

    private void assertRejected(String yaml, String problem) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> PolicyEngine.load(file))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessage(problem.replace("$FILE", file.toString()));
    }

    @Test
    void badYaml() throws IOException {
        assertRejected(
                "get_image: \"role:admin\n",
                "Invalid policy file $FILE: not valid YAML (line 2, column 1): " + "found unexpected end of stream");
    }

    @Test
    void unquotedAtSignIsNotYaml() throws IOException {
        assertRejected(
                "get_image: @\n",
                "Invalid policy file $FILE: not valid YAML (line 1, column 12): "
                        + "found character '@' that cannot start any token. (Do not use @ for indentation)");
    }

    @Test
    void numberValue() throws IOException {
        assertRejected(
                "a: \"@\"\nget_image: 42\n",
                "Invalid policy file $FILE: rule 'get_image' (line 2): "
                        + "check string must be a string, found int '42' (quote it; write \"\" to allow everyone)");
    }

    @Test
    void nullValue() throws IOException {
        assertRejected(
                "get_image:\n",
                "Invalid policy file $FILE: rule 'get_image' (line 1): "
                        + "check string must be a string, found null (quote it; write \"\" to allow everyone)");
    }

    @Test
    void legacyListValue() throws IOException {
        assertRejected(
                "get_image: [[\"role:admin\"]]\n",
                "Invalid policy file $FILE: rule 'get_image' (line 1): "
                        + "check string must be a string, found a list (quote it; write \"\" to allow everyone)");
    }

    @Test
    void yamlBooleanKey() throws IOException {
        assertRejected(
                "yes: \"role:admin\"\n",
                "Invalid policy file $FILE (line 1): rule name must be a string, found bool 'yes'");
    }

    @Test
    void topLevelNotAMapping() throws IOException {
        assertRejected(
                "- get_image\n",
                "Invalid policy file $FILE (line 1): the top level must be a mapping "
                        + "of rule name to check string, found a list");
    }

    @Test
    void duplicateRule() throws IOException {
        assertRejected(
                "get_image: \"@\"\nmodify_image: \"@\"\nget_image: \"!\"\n",
                "Invalid policy file $FILE: rule 'get_image' (line 3): defined twice (first at line 1)");
    }

    @Test
    void unparsableRule() throws IOException {
        assertRejected(
                "# tightened\nmodify_image: \"role:admin or\"\n",
                "Invalid policy file $FILE: rule 'modify_image' "
                        + "(line 2): cannot parse \"role:admin or\": unexpected end of rule after 'or' (token 2)");
    }

    @Test
    void checkWithoutKind() throws IOException {
        assertRejected(
                "modify_image: \"admin\"\n",
                "Invalid policy file $FILE: rule 'modify_image' (line 1): "
                        + "cannot parse \"admin\": check has no ':' (expected kind:match) in 'admin' (token 1)");
    }

    @Test
    void selfReference() throws IOException {
        assertRejected(
                "loop: \"role:admin or rule:loop\"\n",
                "Invalid policy file $FILE: rule 'loop' (line 1): rule reference cycle loop -> loop");
    }

    @Test
    void cycleAmongNewRules() throws IOException {
        assertRejected(
                "a: \"rule:b\"\nb: \"not rule:c\"\nc: \"role:x and (rule:a or @)\"\n",
                "Invalid policy file $FILE: rule 'a' (line 1): rule reference cycle a -> b -> c -> a");
    }

    @Test
    void cycleThroughADefaultRuleBlamesTheOperatorsRule() throws IOException {
        // get_image (a default) references context_is_admin, which the operator points back at get_image.
        assertRejected(
                "context_is_admin: \"rule:get_image\"\n",
                "Invalid policy file $FILE: rule 'context_is_admin' "
                        + "(line 1): rule reference cycle context_is_admin -> get_image -> context_is_admin");
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> PolicyEngine.load(missing))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessage("Policy file " + missing + " does not exist");
    }
}
