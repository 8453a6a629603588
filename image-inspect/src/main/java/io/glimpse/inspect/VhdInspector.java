package io.glimpse.inspect;

import java.util.OptionalLong;

import static io.glimpse.inspect.ByteFields.u64be;

/**
 * Connectix/Microsoft VHD ("vpc" to qemu): a 512-byte big-endian footer, copied to the start of
 * dynamic and differencing images, with the original size at 40. As in oslo (and qemu's probe)
 * only the copy at the start is looked at, so a fixed VHD, whose footer exists only at the end,
 * reads as raw content. No safety checks beyond an intact footer.
 */
final class VhdInspector extends FormatInspector {

    private static final byte[] MAGIC = ByteFields.ascii("conectix");
    private static final int FOOTER_LENGTH = 512;

    private final CaptureRegion footer = addRegion(0, FOOTER_LENGTH);

    @Override
    ImageFormat format() {
        return ImageFormat.VHD;
    }

    @Override
    boolean wantsMoreData() {
        return !footer.complete();
    }

    @Override
    void afterChunk() {
        if (signatureRuledOut(footer, 0, MAGIC)) {
            ruleOut();
        }
    }

    @Override
    FormatReport report(long streamLength) {
        if (ruledOut() || !signaturePresent(footer, 0, MAGIC)) {
            return FormatReport.notMatched(format());
        }
        var failures = failures();
        if (!footer.complete()) {
            failures.add(new SafetyFailure("header", "Truncated VHD footer"));
            return FormatReport.matched(format(), OptionalLong.empty(), failures);
        }
        OptionalLong size = unsignedSize(u64be(footer.data(), 40), failures, "header");
        return FormatReport.matched(format(), size, failures);
    }
}
