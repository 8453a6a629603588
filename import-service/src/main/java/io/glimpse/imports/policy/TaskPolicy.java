package io.glimpse.imports.policy;

import io.glimpse.imports.domain.Task;
import io.glimpse.policy.Credentials;
import io.glimpse.policy.PolicyEngine;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Every authorization decision about tasks, called at the start of each use case. */
@ApplicationScoped
public class TaskPolicy {
    private final PolicyEngine engine;

    public TaskPolicy(PolicyEngine engine) {
        this.engine = engine;
    }

    /** The deprecated tasks API: {@code tasks_api_access}, then the operation's own rule (403 otherwise). */
    public void authorizeTasksApi(TaskOperation operation, Caller caller) {
        require(TaskOperation.TASKS_API, caller);
        require(operation, caller);
    }

    /** Glance's task repository shows a project its own tasks; an admin sees all. */
    public boolean canSee(Caller caller, Task task) {
        return isAdmin(caller) || (task.owner != null && task.owner.equals(caller.projectId()));
    }

    public boolean isAdmin(Caller caller) {
        return engine.allowed("context_is_admin", credentials(caller), Map.of());
    }

    private void require(TaskOperation operation, Caller caller) {
        Map<String, String> target = Map.of("project_id", caller.projectId() == null ? "" : caller.projectId());
        if (!engine.allowed(operation.rule(), credentials(caller), target)) {
            throw new GlimpseException.Forbidden(
                    "You are not authorized to complete " + operation.rule().ruleName() + " action.");
        }
    }

    static Credentials credentials(Caller caller) {
        return new Credentials(
                caller.userId(), caller.projectId() == null ? "" : caller.projectId(), caller.roles(), Map.of());
    }
}
