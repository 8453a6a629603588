package io.glimpse.inspect;

import java.util.OptionalLong;

import static io.glimpse.inspect.ByteFields.u32le;
import static io.glimpse.inspect.ByteFields.u64le;

/**
 * VirtualBox VDI: 512-byte little-endian header with the signature 0xbeda107f at 0x40 and the
 * disk size at 0x170. No safety checks beyond an intact header, as in oslo.
 */
final class VdiInspector extends FormatInspector {

    private static final int SIGNATURE_AT = 0x40;
    private static final long SIGNATURE = 0xbeda107fL;
    private static final int SIZE_AT = 0x170;
    private static final int HEADER_LENGTH = 512;

    private final CaptureRegion header = addRegion(0, HEADER_LENGTH);

    @Override
    ImageFormat format() {
        return ImageFormat.VDI;
    }

    @Override
    boolean wantsMoreData() {
        return !header.complete();
    }

    @Override
    void afterChunk() {
        if (signatureMismatch()) {
            ruleOut();
        }
    }

    private boolean signatureMismatch() {
        return header.filled() >= SIGNATURE_AT + 4 && !signed();
    }

    private boolean signed() {
        return header.filled() >= SIGNATURE_AT + 4 && u32le(header.data(), SIGNATURE_AT) == SIGNATURE;
    }

    @Override
    FormatReport report(long streamLength) {
        if (ruledOut() || !signed()) {
            return FormatReport.notMatched(format());
        }
        var failures = failures();
        if (!header.complete()) {
            failures.add(new SafetyFailure("header", "Truncated VDI header"));
            return FormatReport.matched(format(), OptionalLong.empty(), failures);
        }
        OptionalLong size = unsignedSize(u64le(header.data(), SIZE_AT), failures, "header");
        return FormatReport.matched(format(), size, failures);
    }
}
