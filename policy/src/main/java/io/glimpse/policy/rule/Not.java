package io.glimpse.policy.rule;

import java.util.Objects;

/** Logical negation of its operand. */
public record Not(Check operand) implements Check {

    public Not {
        Objects.requireNonNull(operand, "operand");
    }

    @Override
    public String toString() {
        return "not " + operand;
    }
}
