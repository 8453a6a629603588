package io.glimpse.imports.mapping;

import io.glimpse.contracts.internal.ActingUser;
import io.glimpse.imports.domain.Task;
import io.glimpse.support.security.Caller;

import java.util.List;

/** The user catalog is told a stage or an import acts for. */
public final class ActingUsers {
    private ActingUsers() {}

    public static ActingUser of(Caller caller) {
        return new ActingUser(caller.userId(), caller.projectId(), List.copyOf(caller.roles()), caller.requestId());
    }

    /** The user who asked for the import, as the task recorded them (a resumed import acts for them still). */
    public static ActingUser of(Task task) {
        return new ActingUser(task.userId, task.owner, task.userRoles, task.requestId);
    }
}
