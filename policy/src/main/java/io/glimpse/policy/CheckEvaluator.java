package io.glimpse.policy;

import io.glimpse.policy.rule.AlwaysAllow;
import io.glimpse.policy.rule.AlwaysDeny;
import io.glimpse.policy.rule.And;
import io.glimpse.policy.rule.Check;
import io.glimpse.policy.rule.GenericCheck;
import io.glimpse.policy.rule.Not;
import io.glimpse.policy.rule.Operand;
import io.glimpse.policy.rule.Or;
import io.glimpse.policy.rule.PythonStrings;
import io.glimpse.policy.rule.RoleCheck;
import io.glimpse.policy.rule.RuleReference;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Evaluates a check tree against credentials and a target with oslo.policy's semantics. */
final class CheckEvaluator {

    private final Map<String, Check> rules;

    CheckEvaluator(Map<String, Check> rules) {
        this.rules = Map.copyOf(rules);
    }

    boolean evaluate(Check check, Credentials creds, Map<String, ?> target) {
        return evaluate(check, creds, target, new ArrayDeque<>());
    }

    private boolean evaluate(Check check, Credentials creds, Map<String, ?> target, Deque<String> activeRules) {
        return switch (check) {
            case AlwaysAllow ignored -> true;
            case AlwaysDeny ignored -> false;
            case Not not -> !evaluate(not.operand(), creds, target, activeRules);
            case And and -> and.operands().stream().allMatch(c -> evaluate(c, creds, target, activeRules));
            case Or or -> or.operands().stream().anyMatch(c -> evaluate(c, creds, target, activeRules));
            case RuleReference ref -> evaluateReference(ref.ruleName(), creds, target, activeRules);
            case RoleCheck role ->
                role.role()
                        .render(target)
                        .map(name -> creds.roles().contains(name.toLowerCase(Locale.ROOT)))
                        .orElse(false);
            case GenericCheck generic ->
                generic.match()
                        .render(target)
                        .map(match -> matches(generic.kind(), match, creds))
                        .orElse(false);
        };
    }

    private boolean evaluateReference(
            String name, Credentials creds, Map<String, ?> target, Deque<String> activeRules) {
        Check referenced = rules.get(name);
        // Unknown rules fail closed. Loading rejects cycles; the guard only protects against a
        // cycle slipping in some other way, and fails closed too.
        if (referenced == null || activeRules.contains(name)) {
            return false;
        }
        activeRules.push(name);
        try {
            return evaluate(referenced, creds, target, activeRules);
        } finally {
            activeRules.pop();
        }
    }

    private static boolean matches(Operand kind, String match, Credentials creds) {
        return switch (kind) {
            case Operand.Literal literal -> literal.value().equals(match);
            case Operand.CredentialPath path -> findInCredentials(creds.policyValues(), path.segments(), match);
        };
    }

    /** oslo's {@code GenericCheck._find_in_dict}: lists along the path match if any element does. */
    private static boolean findInCredentials(Object value, List<String> path, String match) {
        if (path.isEmpty()) {
            return match.equals(PythonStrings.str(value));
        }
        if (!(value instanceof Map<?, ?> map) || !map.containsKey(path.getFirst())) {
            return false;
        }
        Object child = map.get(path.getFirst());
        List<String> rest = path.subList(1, path.size());
        if (child instanceof Collection<?> elements) {
            return elements.stream().anyMatch(element -> findInCredentials(element, rest, match));
        }
        return findInCredentials(child, rest, match);
    }

    Optional<Check> rule(String name) {
        return Optional.ofNullable(rules.get(name));
    }
}
