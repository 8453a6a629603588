package io.glimpse.policy;

import io.glimpse.policy.rule.And;
import io.glimpse.policy.rule.Check;
import io.glimpse.policy.rule.Not;
import io.glimpse.policy.rule.Or;
import io.glimpse.policy.rule.RuleReference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Finds {@code rule:} reference cycles, which oslo.policy would only discover as infinite recursion. */
final class ReferenceCycles {

    private final Map<String, Check> rules;
    private final Set<String> finished = new HashSet<>();

    private ReferenceCycles(Map<String, Check> rules) {
        // Sorted, so the cycle reported for a given file is always the same one.
        this.rules = new TreeMap<>(rules);
    }

    /** The first cycle found, as the rule names along it with the first name repeated at the end. */
    static Optional<List<String>> find(Map<String, Check> rules) {
        ReferenceCycles search = new ReferenceCycles(rules);
        for (String name : search.rules.keySet()) {
            Optional<List<String>> cycle = search.visit(name, new LinkedHashSet<>());
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private Optional<List<String>> visit(String name, LinkedHashSet<String> path) {
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>();
            boolean inCycle = false;
            for (String step : path) {
                inCycle |= step.equals(name);
                if (inCycle) {
                    cycle.add(step);
                }
            }
            cycle.add(name);
            return Optional.of(cycle);
        }
        Check check = rules.get(name);
        if (check == null || finished.contains(name)) {
            return Optional.empty();
        }
        path.add(name);
        for (String referenced : references(check).toList()) {
            Optional<List<String>> cycle = visit(referenced, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.remove(name);
        finished.add(name);
        return Optional.empty();
    }

    static Stream<String> references(Check check) {
        return switch (check) {
            case RuleReference ref -> Stream.of(ref.ruleName());
            case Not not -> references(not.operand());
            case And and -> and.operands().stream().flatMap(ReferenceCycles::references);
            case Or or -> or.operands().stream().flatMap(ReferenceCycles::references);
            default -> Stream.empty();
        };
    }
}
