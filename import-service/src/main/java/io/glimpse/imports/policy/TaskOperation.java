package io.glimpse.imports.policy;

import io.glimpse.policy.GlancePolicy;

/**
 * The named operations of import-service that it authorizes itself, each bound to its Glance rule. Staging and
 * importing are authorized by catalog, which owns the image ({@code modify_image}, {@code copy_image}).
 */
public enum TaskOperation {
    /** Every {@code /v2/tasks} call (admin by default). */
    TASKS_API(GlancePolicy.TASKS_API_ACCESS),
    GET_TASK(GlancePolicy.GET_TASK),
    LIST_TASKS(GlancePolicy.GET_TASKS),
    CREATE_TASK(GlancePolicy.ADD_TASK);

    private final GlancePolicy rule;

    TaskOperation(GlancePolicy rule) {
        this.rule = rule;
    }

    public GlancePolicy rule() {
        return rule;
    }
}
