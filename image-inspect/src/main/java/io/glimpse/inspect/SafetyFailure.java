package io.glimpse.inspect;

import java.util.Objects;

/**
 * One failed safety check.
 *
 * @param check short name of the check, as oslo names them ({@code backing_file}, {@code
 *     data_file}, {@code unknown_features}, {@code descriptor}, {@code footer}, {@code mbr}, ...)
 * @param reason human-readable explanation
 */
public record SafetyFailure(String check, String reason) {
    public SafetyFailure {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return check + ": " + reason;
    }
}
