package io.glimpse.gateway.policy;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.policy.PolicyConfigurationException;
import io.glimpse.policy.PolicyEngine;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The policy engine, built at start-up: Glance's defaults, overridden by the operator's file when
 * one is configured. A file that cannot be used throws {@link PolicyConfigurationException}, which
 * stops start-up, as Glance refuses to start with a broken policy file.
 */
public class PolicyEngineProducer {

    private static final Logger LOG = Logger.getLogger(PolicyEngineProducer.class);

    @Produces
    @Singleton
    @Startup
    PolicyEngine policyEngine(GatewayConfig config) {
        return load(config.policyFile().map(Path::of));
    }

    static PolicyEngine load(Optional<Path> policyFile) {
        try {
            PolicyEngine engine = PolicyEngine.load(policyFile);
            LOG.infof(
                    "Policy: Glance defaults%s",
                    policyFile.map(file -> " overridden by " + file).orElse(""));
            return engine;
        } catch (PolicyConfigurationException e) {
            LOG.errorf("Invalid policy file (glimpse.gateway.policy-file): %s", e.getMessage());
            throw e;
        }
    }
}
