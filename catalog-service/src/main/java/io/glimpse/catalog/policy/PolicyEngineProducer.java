package io.glimpse.catalog.policy;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.policy.PolicyEngine;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** Loads the policy once at start; an invalid operator file stops the service with the loader's message. */
public class PolicyEngineProducer {

    @Produces
    @Singleton
    PolicyEngine policyEngine(CatalogConfig config) {
        return PolicyEngine.load(config.policyFile().map(Path::of));
    }
}
