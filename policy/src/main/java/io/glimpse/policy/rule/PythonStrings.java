package io.glimpse.policy.rule;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders values the way Python's {@code str()} does for the types that reach a policy check, so
 * rules written for oslo.policy compare the same way here ({@code is_admin:True},
 * {@code None:%(owner)s}).
 */
public final class PythonStrings {

    private PythonStrings() {}

    public static String str(Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case CharSequence s -> s.toString();
            case Collection<?> c -> c.stream().map(PythonStrings::repr).collect(Collectors.joining(", ", "[", "]"));
            case Map<?, ?> m ->
                m.entrySet().stream()
                        .map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                        .collect(Collectors.joining(", ", "{", "}"));
            default -> value.toString();
        };
    }

    private static String repr(Object value) {
        return value instanceof CharSequence s ? "'" + s + "'" : str(value);
    }
}
