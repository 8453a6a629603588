package io.glimpse.inspect;

import io.glimpse.inspect.Detection.Ambiguous;
import io.glimpse.inspect.Detection.Identified;
import io.glimpse.inspect.FormatVerdict.Accepted;
import io.glimpse.inspect.FormatVerdict.Reason;
import io.glimpse.inspect.FormatVerdict.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The declared-versus-detected matrix, on synthetic inspection results. */
class FormatCheckTest {

    private static final long SIZE = 10_485_760;

    @ParameterizedTest
    @CsvSource({
        "qcow2, qcow2",
        "vmdk, vmdk",
        "vhd, vhd",
        "vhdx, vhdx",
        "vdi, vdi",
        "iso, iso",
        "raw, raw",
        "gpt, gpt",
        "raw, gpt"
    })
    void matchingContentIsAcceptedWithItsVirtualSize(String declared, String detected) {
        assertThat(FormatCheck.check(declared, safe(detected))).isEqualTo(new Accepted(OptionalLong.of(SIZE)));
    }

    @ParameterizedTest
    @CsvSource({
        "raw, qcow2",
        "raw, vmdk",
        "raw, iso",
        "qcow2, raw",
        "qcow2, vmdk",
        "vmdk, qcow2",
        "gpt, raw",
        "iso, gpt",
        "vhd, vhdx"
    })
    void mismatchIsRejected(String declared, String detected) {
        assertThat(FormatCheck.check(declared, safe(detected)))
                .isEqualTo(new Rejected(
                        Reason.FORMAT_MISMATCH, "Image content is " + detected + " but disk_format is " + declared));
    }

    @Test
    void mismatchPassesWithoutVirtualSizeWhenMatchingIsNotRequired() {
        FormatPolicy lenient = new FormatPolicy(false, true);

        assertThat(FormatCheck.check("raw", safe("qcow2"), lenient)).isEqualTo(new Accepted(OptionalLong.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ami", "ari", "aki", "ploop"})
    void formatsWithoutAnInspectorAreNotChecked(String declared) {
        InspectionResult unsafe = result("qcow2", new SafetyFailure("backing_file", "x"));

        assertThat(FormatCheck.check(declared, unsafe)).isEqualTo(new Accepted(OptionalLong.empty()));
    }

    @Test
    void unknownDiskFormatIsRejected() {
        assertThat(FormatCheck.check("floppy", safe("raw")))
                .isInstanceOfSatisfying(
                        Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_DISK_FORMAT));
    }

    @Test
    void unsafeContentIsRejectedEvenWhenTheFormatMatches() {
        InspectionResult unsafe = result("qcow2", new SafetyFailure("backing_file", "Image has a backing file"));

        assertThat(FormatCheck.check("qcow2", unsafe))
                .isEqualTo(new Rejected(
                        Reason.UNSAFE_CONTENT,
                        "Image content (qcow2) failed safety checks: backing_file: Image has a backing file"));
        assertThat(FormatCheck.check("qcow2", unsafe, new FormatPolicy(false, true))
                        .isAccepted())
                .isFalse();
    }

    @Test
    void partitionTableChecksAreFatalOnlyWhenConfigured() {
        InspectionResult oddMbr = result("gpt", new SafetyFailure("mbr", "GPT MBR has no partitions"));

        assertThat(FormatCheck.check("raw", oddMbr)).isEqualTo(new Accepted(OptionalLong.of(SIZE)));
        assertThat(FormatCheck.check("raw", oddMbr, new FormatPolicy(true, false))
                        .isAccepted())
                .isFalse();
    }

    @Test
    void ambiguousContentIsRejected() {
        InspectionResult both = new InspectionResult(
                new Ambiguous(Set.of(ImageFormat.ISO, ImageFormat.QCOW2)),
                OptionalLong.empty(),
                SIZE,
                new SafetyVerdict(List.of(new SafetyFailure("multiple_formats", "x"))));

        assertThat(FormatCheck.check("iso", both))
                .isEqualTo(new Rejected(
                        Reason.AMBIGUOUS_CONTENT,
                        "Image content matches several formats at once (qcow2, iso), so one header may be"
                                + " hiding another; it cannot be accepted"));
    }

    private static InspectionResult safe(String detected) {
        return result(detected);
    }

    private static InspectionResult result(String detected, SafetyFailure... failures) {
        return new InspectionResult(
                new Identified(ImageFormat.fromWireName(detected).orElseThrow()),
                OptionalLong.of(SIZE),
                SIZE,
                new SafetyVerdict(List.of(failures)));
    }
}
