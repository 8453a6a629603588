package io.glimpse.policy;

import java.util.Map;

/** Targets for rules that are not about one existing resource. */
public final class PolicyTargets {

    private PolicyTargets() {}

    /**
     * The caller's own project as {@code project_id}: what Glance passes for collection-level
     * checks such as {@code get_images}, so {@code role:reader and project_id:%(project_id)s}
     * asks "is the caller a reader in its project".
     */
    public static Map<String, String> callerProject(Credentials creds) {
        return Map.of(Credentials.PROJECT_ID, creds.projectId());
    }
}
