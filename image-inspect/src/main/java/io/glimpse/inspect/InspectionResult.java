package io.glimpse.inspect;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the inspector concluded once it had seen the whole stream.
 *
 * @param detection the format the content was recognised as, or the formats that all matched
 * @param virtualSize disk size in bytes as the format's header states it; for raw, gpt and luks
 *     it is derived from the stream length, as oslo does. Empty when the format carries none
 *     (e.g. a UDF-only ISO), when the header could not be read, or when the detection is ambiguous
 * @param bytesInspected length of the stream
 * @param safety the safety checks of the detected format (always failing when ambiguous)
 */
public record InspectionResult(
        Detection detection, OptionalLong virtualSize, long bytesInspected, SafetyVerdict safety) {

    public InspectionResult {
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(virtualSize, "virtualSize");
        Objects.requireNonNull(safety, "safety");
    }

    /** The single detected format; empty only when several formats matched. */
    public Optional<ImageFormat> format() {
        return detection instanceof Detection.Identified identified
                ? Optional.of(identified.format())
                : Optional.empty();
    }

    public boolean isSafe() {
        return safety.isSafe();
    }
}
