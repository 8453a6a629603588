package io.glimpse.policy.protection;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** One section of the protection file: the properties it matches and who may do what to them. */
record ProtectionRule(String section, Pattern pattern, Map<Operation, Permission> permissions) {

    ProtectionRule {
        permissions = Map.copyOf(permissions);
    }

    /** Python's {@code re.search}: the pattern may match anywhere in the name unless anchored. */
    boolean matches(String property) {
        return pattern.matcher(property).find();
    }

    Optional<Permission> permission(Operation operation) {
        return Optional.ofNullable(permissions.get(operation));
    }
}
