package io.glimpse.gateway.policy;

import io.glimpse.policy.Credentials;
import io.glimpse.policy.GlancePolicy;
import io.glimpse.policy.PolicyDeniedException;
import io.glimpse.policy.PolicyEngine;
import io.glimpse.policy.PolicyTargets;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules the gateway can decide before forwarding: those that need no stored resource, e.g.
 * {@code add_image}, {@code get_images}, {@code tasks_api_access}. The services check every rule
 * that needs the image (owner, visibility, membership) with the same engine and file.
 */
@ApplicationScoped
public class RoutePolicy {

    private final PolicyEngine engine;

    public RoutePolicy(PolicyEngine engine) {
        this.engine = engine;
    }

    /**
     * Checks the rules a route names for the request's method, in order; throws {@link PolicyDeniedException}
     * (→ 403) naming the first rule the caller fails.
     */
    public void enforce(List<GlancePolicy> rules, Credentials credentials) {
        for (GlancePolicy rule : rules) {
            engine.enforce(rule, credentials, targetFor(rule, credentials));
        }
    }

    private static Map<String, String> targetFor(GlancePolicy rule, Credentials credentials) {
        Map<String, String> target = new HashMap<>(PolicyTargets.callerProject(credentials));
        if (rule == GlancePolicy.ADD_IMAGE) {
            // add_image also checks project_id:%(owner)s. The proposed owner is in the body, which
            // the gateway streams unread; Glance defaults it to the caller's project, so that is
            // checked here, and catalog-service re-checks with the owner actually requested.
            target.put("owner", credentials.projectId());
        }
        return Map.copyOf(target);
    }
}
