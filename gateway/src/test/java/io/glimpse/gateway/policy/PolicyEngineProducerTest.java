package io.glimpse.gateway.policy;

import io.glimpse.policy.Credentials;
import io.glimpse.policy.GlancePolicy;
import io.glimpse.policy.PolicyConfigurationException;
import io.glimpse.policy.PolicyEngine;
import io.glimpse.policy.PolicyTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up loading of the policy file (the producer is what Quarkus calls at start-up). */
class PolicyEngineProducerTest {

    @TempDir
    Path dir;

    @Test
    void withoutAFileGlanceDefaultsApply() {
        PolicyEngine engine = PolicyEngineProducer.load(Optional.empty());
        Credentials carol = Credentials.of("carol", "project-a", "reader");
        assertThat(engine.allowed(GlancePolicy.GET_IMAGES, carol, PolicyTargets.callerProject(carol)))
                .isTrue();
    }

    @Test
    void anOverrideFileReplacesRules() throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yaml"), "\"tasks_api_access\": \"role:member\"\n");
        PolicyEngine engine = PolicyEngineProducer.load(Optional.of(file));
        Credentials alice = Credentials.of("alice", "project-a", "member");
        assertThat(engine.allowed(GlancePolicy.TASKS_API_ACCESS, alice, PolicyTargets.callerProject(alice)))
                .isTrue();
    }

    @Test
    void anUnparsableFileStopsStartUpNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.yaml"), "\"add_image\": \"role:admin or (\"\n");
        assertThatThrownBy(() -> PolicyEngineProducer.load(Optional.of(file)))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining("add_image");
    }

    @Test
    void aMissingFileStopsStartUp() {
        Path missing = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> PolicyEngineProducer.load(Optional.of(missing)))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("does not exist");
    }
}
