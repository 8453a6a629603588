package io.glimpse.policy.rule;

import java.util.Objects;

/**
 * {@code role:name}: the caller holds the role, compared case-insensitively. Like oslo.policy the
 * role name is itself a template ({@code role:%(required_role)s} is legal).
 */
public record RoleCheck(TargetTemplate role) implements Check {

    public RoleCheck {
        Objects.requireNonNull(role, "role");
    }

    @Override
    public String toString() {
        return "role:" + role;
    }
}
