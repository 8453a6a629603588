package io.glimpse.inspect;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decides whether inspected content may be stored under the {@code disk_format} the user declared:
 * Glance's {@code require_image_format_match} behaviour (glance-v2-api.md §5.1 step 5; the
 * "Glance as first-line defense" spec) with the detection rules of oslo and Nova.
 *
 * <p>Rules, in order:
 *
 * <ol>
 *   <li>{@code ami}, {@code ari}, {@code aki} and {@code ploop} have no inspector in oslo, so
 *       Glance does not inspect them: accepted, with no virtual size, whatever the content.
 *   <li>Any other declared value must name a format this library knows, else {@link
 *       FormatVerdict.Reason#UNKNOWN_DISK_FORMAT}.
 *   <li>Content matching several formats is rejected ({@link
 *       FormatVerdict.Reason#AMBIGUOUS_CONTENT}): oslo's "Multiple formats detected".
 *   <li>Content failing a safety check of its detected format is rejected ({@link
 *       FormatVerdict.Reason#UNSAFE_CONTENT}) whatever was declared, since the content is what
 *       downstream tools will open. With {@link FormatPolicy#gptSafetyChecksNonfatal()} a
 *       partition table's MBR checks are not fatal.
 *   <li>The detected format must equal the declared one ({@link
 *       FormatVerdict.Reason#FORMAT_MISMATCH}, unless {@link
 *       FormatPolicy#requireImageFormatMatch()} is off). One equivalence is allowed: content
 *       detected as {@code gpt} (a partition table) may be declared {@code raw}, as Glance's
 *       conversion plugin and Nova allow, because whole-disk images have always been uploaded as
 *       raw. The reverse is not: {@code raw} does <em>not</em> accept a recognised container
 *       format such as qcow2 or vmdk. The spec's first iteration tolerated that, but Nova now
 *       refuses such images at boot, and qcow2 content labelled raw is the classic way to slip
 *       a backing file past a consumer that probes the format.
 * </ol>
 *
 * <p>When accepted under a matching format, the verdict carries the header's virtual size (for
 * raw and gpt: the byte count), which Glance stores as {@code virtual_size}.
 *
 * <p>Glance only inspects {@code container_format=bare} uploads (other containers wrap some
 * other format); that choice belongs to the caller, which simply skips inspection for them.
 */
public final class FormatCheck {

    /** Declared formats oslo has no inspector for; Glance passes them through uninspected. */
    public static final Set<String> UNINSPECTED_DISK_FORMATS = Set.of("ami", "ari", "aki", "ploop");

    private FormatCheck() {}

    /** {@link #check(String, InspectionResult, FormatPolicy)} with {@link FormatPolicy#DEFAULT}. */
    public static FormatVerdict check(String declaredDiskFormat, InspectionResult result) {
        return check(declaredDiskFormat, result, FormatPolicy.DEFAULT);
    }

    public static FormatVerdict check(String declaredDiskFormat, InspectionResult result, FormatPolicy policy) {
        Objects.requireNonNull(declaredDiskFormat, "declaredDiskFormat");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(policy, "policy");
        if (UNINSPECTED_DISK_FORMATS.contains(declaredDiskFormat)) {
            return new FormatVerdict.Accepted(OptionalLong.empty());
        }
        Optional<ImageFormat> declared = ImageFormat.fromWireName(declaredDiskFormat);
        if (declared.isEmpty()) {
            return reject(
                    FormatVerdict.Reason.UNKNOWN_DISK_FORMAT,
                    "disk_format '" + declaredDiskFormat + "' cannot be checked against image content");
        }
        return switch (result.detection()) {
            case Detection.Ambiguous ambiguous ->
                reject(
                        FormatVerdict.Reason.AMBIGUOUS_CONTENT,
                        "Image content matches several formats at once (" + ambiguous.describe()
                                + "), so one header may be hiding another; it cannot be accepted");
            case Detection.Identified identified ->
                checkIdentified(declared.get(), identified.format(), result, policy);
        };
    }

    private static FormatVerdict checkIdentified(
            ImageFormat declared, ImageFormat detected, InspectionResult result, FormatPolicy policy) {
        List<SafetyFailure> fatal = result.safety().failures().stream()
                .filter(f -> !(ignorablePartitionTableCheck(detected, f, policy)))
                .toList();
        if (!fatal.isEmpty()) {
            return reject(
                    FormatVerdict.Reason.UNSAFE_CONTENT,
                    "Image content (" + detected + ") failed safety checks: " + new SafetyVerdict(fatal).describe());
        }
        if (sameFormat(declared, detected)) {
            return new FormatVerdict.Accepted(result.virtualSize());
        }
        if (!policy.requireImageFormatMatch()) {
            return new FormatVerdict.Accepted(OptionalLong.empty());
        }
        return reject(
                FormatVerdict.Reason.FORMAT_MISMATCH,
                "Image content is " + detected + " but disk_format is " + declared);
    }

    private static boolean sameFormat(ImageFormat declared, ImageFormat detected) {
        return declared == detected || (declared == ImageFormat.RAW && detected == ImageFormat.GPT);
    }

    private static boolean ignorablePartitionTableCheck(
            ImageFormat detected, SafetyFailure failure, FormatPolicy policy) {
        return policy.gptSafetyChecksNonfatal()
                && detected == ImageFormat.GPT
                && failure.check().equals(GptInspector.CHECK);
    }

    private static FormatVerdict reject(FormatVerdict.Reason reason, String message) {
        return new FormatVerdict.Rejected(reason, message);
    }
}
