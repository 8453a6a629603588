package io.glimpse.policy;

import java.util.Objects;

/** The caller is not allowed what {@link #ruleName()} protects. Services map this to 403 (or 404). */
public class PolicyDeniedException extends RuntimeException {

    private final String ruleName;

    public PolicyDeniedException(String ruleName) {
        super("Policy doesn't allow " + ruleName + " to be performed.");
        this.ruleName = Objects.requireNonNull(ruleName, "ruleName");
    }

    public String ruleName() {
        return ruleName;
    }
}
