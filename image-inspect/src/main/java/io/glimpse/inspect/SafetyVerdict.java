package io.glimpse.inspect;

import java.util.List;
import java.util.stream.Collectors;

/** The outcome of the safety checks of the detected format: safe when nothing failed. */
public record SafetyVerdict(List<SafetyFailure> failures) {

    public static final SafetyVerdict SAFE = new SafetyVerdict(List.of());

    public SafetyVerdict {
        failures = List.copyOf(failures);
    }

    public boolean isSafe() {
        return failures.isEmpty();
    }

    /** True when a check of this name failed. */
    public boolean failed(String check) {
        return failures.stream().anyMatch(f -> f.check().equals(check));
    }

    /** "check: reason; check: reason", for logs and error messages. */
    public String describe() {
        return failures.stream().map(SafetyFailure::toString).collect(Collectors.joining("; "));
    }
}
