package io.glimpse.policy.rule;

import java.util.Objects;

/** {@code rule:name}: the result of another named rule; an unknown name is false (fail closed). */
public record RuleReference(String ruleName) implements Check {

    public RuleReference {
        Objects.requireNonNull(ruleName, "ruleName");
        if (ruleName.isEmpty()) {
            throw new IllegalArgumentException("rule name must not be empty");
        }
    }

    @Override
    public String toString() {
        return "rule:" + ruleName;
    }
}
