package io.glimpse.imports.policy;

import io.glimpse.imports.config.ImportConfig;
import io.glimpse.policy.PolicyEngine;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** Loads the policy once at start; an invalid operator file stops the service with the loader's message. */
public class PolicyEngineProducer {

    @Produces
    @Singleton
    PolicyEngine policyEngine(ImportConfig config) {
        return PolicyEngine.load(config.policyFile().map(Path::of));
    }
}
