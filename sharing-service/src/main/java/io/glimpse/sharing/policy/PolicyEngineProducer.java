package io.glimpse.sharing.policy;

import io.glimpse.policy.PolicyEngine;
import io.glimpse.sharing.config.SharingConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** Loads the policy once at start; an invalid operator file stops the service with the loader's message. */
public class PolicyEngineProducer {

    @Produces
    @Singleton
    PolicyEngine policyEngine(SharingConfig config) {
        return PolicyEngine.load(config.policyFile().map(Path::of));
    }
}
