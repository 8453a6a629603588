package io.glimpse.inspect;

import java.util.List;
import java.util.OptionalLong;

/** One inspector's conclusion about the whole stream. */
record FormatReport(ImageFormat format, boolean matched, OptionalLong virtualSize, List<SafetyFailure> failures) {

    FormatReport {
        failures = List.copyOf(failures);
    }

    static FormatReport notMatched(ImageFormat format) {
        return new FormatReport(format, false, OptionalLong.empty(), List.of());
    }

    static FormatReport matched(ImageFormat format, OptionalLong virtualSize, List<SafetyFailure> failures) {
        return new FormatReport(format, true, virtualSize, failures);
    }
}
