package io.glimpse.policy;

import io.glimpse.policy.image.ImageFacts;
import io.glimpse.policy.image.ImageVisibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyOverrideTest {

    static Path resource(String name) {
        try {
            return Path.of(PolicyOverrideTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final PolicyEngine ENGINE = PolicyEngine.load(resource("/policy/operator-policy.yaml"));
    private static final Credentials CLOUD_ADMIN = Credentials.of("root", "ops", "cloud_admin");

    @Test
    void overriddenRuleReplacesTheDefault() {
        Map<String, String> privateImage =
                ImageFacts.ownedBy("project-a", ImageVisibility.PRIVATE).policyTarget(Personas.CAROL);
        assertThat(ENGINE.allowed(GlancePolicy.GET_IMAGE, Personas.ALICE, privateImage))
                .isTrue();
        assertThat(ENGINE.allowed(GlancePolicy.GET_IMAGE, Personas.CAROL, privateImage))
                .isFalse();
        assertThat(PolicyEngine.withDefaults().allowed(GlancePolicy.GET_IMAGE, Personas.CAROL, privateImage))
                .isTrue();
        assertThat(ENGINE.checkString("get_image"))
                .contains(
                        "rule:context_is_admin or (role:member and project_id:%(project_id)s) or 'public':%(visibility)s");
    }

    @Test
    void overridingABuildingBlockChangesEveryRuleThatUsesIt() {
        Map<String, String> image =
                ImageFacts.ownedBy("project-a", ImageVisibility.PRIVATE).policyTarget(CLOUD_ADMIN);
        assertThat(ENGINE.allowed(GlancePolicy.PUBLICIZE_IMAGE, CLOUD_ADMIN, image))
                .isTrue();
        assertThat(ENGINE.allowed(GlancePolicy.MODIFY_IMAGE, CLOUD_ADMIN, image))
                .isTrue();
        assertThat(ENGINE.allowed(GlancePolicy.PUBLICIZE_IMAGE, Personas.ADMIN, image))
                .isFalse();
        // tasks_api_access is "role:admin" upstream, not rule:context_is_admin, so it does not follow
        assertThat(ENGINE.allowed(GlancePolicy.TASKS_API_ACCESS, CLOUD_ADMIN, Map.of()))
                .isFalse();
        assertThat(ENGINE.allowed(GlancePolicy.TASKS_API_ACCESS, Personas.ADMIN, Map.of()))
                .isTrue();
    }

    @Test
    void rulesNotInTheFileKeepTheirDefaults() {
        assertThat(ENGINE.checkString("download_image"))
                .isEqualTo(PolicyEngine.withDefaults().checkString("download_image"));
    }

    @Test
    void newRulesAreAddedAndCanReferenceEachOther() {
        Credentials creator = Credentials.of("eve", "project-a", "glance_create_user");
        assertThat(ENGINE.allowed("glance_creator", creator, Map.of())).isTrue();
        assertThat(ENGINE.allowed("glance_creator", Personas.ALICE, Map.of())).isFalse();
        assertThat(ENGINE.allowed("owner_and_creator", creator, Map.of("owner", "project-a")))
                .isTrue();
        assertThat(ENGINE.allowed("owner_and_creator", creator, Map.of("owner", "project-b")))
                .isFalse();
        assertThat(ENGINE.ruleNames()).contains("glance_creator", "image_owner", "owner_and_creator", "get_image");
    }

    @Test
    void emptyOrCommentOnlyFileKeepsTheDefaults(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yaml"), "# nothing overridden\n");
        PolicyEngine engine = PolicyEngine.load(file);
        assertThat(engine.ruleNames()).isEqualTo(PolicyEngine.withDefaults().ruleNames());
    }

    @Test
    void jsonPolicyFilesAreYamlToo(@TempDir Path dir) throws IOException {
        Path file =
                Files.writeString(dir.resolve("policy.json"), "{\"publicize_image\": \"role:admin or role:curator\"}");
        PolicyEngine engine = PolicyEngine.load(file);
        assertThat(engine.allowed("publicize_image", Credentials.of("c", "p", "curator"), Map.of()))
                .isTrue();
    }

    @Test
    void emptyCheckStringAllowsEveryone(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yaml"), "publicize_image: \"\"\n");
        assertThat(PolicyEngine.load(file).allowed("publicize_image", Personas.SVC, Map.of()))
                .isTrue();
    }

    @Test
    void optionalFile() {
        assertThat(PolicyEngine.load(Optional.empty()).checkString("context_is_admin"))
                .contains("role:admin");
        assertThat(PolicyEngine.load(Optional.of(resource("/policy/operator-policy.yaml")))
                        .checkString("context_is_admin"))
                .contains("role:cloud_admin");
    }
}
