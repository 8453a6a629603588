package io.glimpse.policy.rule;

import java.util.List;
import java.util.stream.Collectors;

/** True when any operand is true; evaluation stops at the first true one. */
public record Or(List<Check> operands) implements Check {

    public Or {
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("'or' needs at least two operands");
        }
    }

    @Override
    public String toString() {
        return operands.stream().map(Check::toString).collect(Collectors.joining(" or ", "(", ")"));
    }
}
