package io.glimpse.policy.rule;

import java.util.List;
import java.util.stream.Collectors;

/** True when every operand is true; evaluation stops at the first false one. */
public record And(List<Check> operands) implements Check {

    public And {
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("'and' needs at least two operands");
        }
    }

    @Override
    public String toString() {
        return operands.stream().map(Check::toString).collect(Collectors.joining(" and ", "(", ")"));
    }
}
