package io.glimpse.inspect;

import java.util.OptionalLong;

import static io.glimpse.inspect.ByteFields.u16le;
import static io.glimpse.inspect.ByteFields.u32le;
import static io.glimpse.inspect.ByteFields.u8;

/**
 * ISO 9660 and UDF. The first 16 sectors (32 KiB) are a "system area" anyone may fill, so the
 * signature is looked for in the first volume descriptor at 32 KiB: "CD001" (ISO 9660) or
 * "NSR02"/"NSR03" (UDF), as oslo does. For a primary volume descriptor (type 1) the size is the
 * volume space size (both-endian u32 at 80) times the logical block size (both-endian u16 at 128).
 *
 * <p>Unlike oslo, the system area itself is not buffered: only the 2 KiB descriptor is.
 */
final class IsoInspector extends FormatInspector {

    static final int DESCRIPTOR_OFFSET = 32 * 1024;
    private static final int DESCRIPTOR_LENGTH = 2 * 1024;
    private static final byte[][] SIGNATURES = {
        ByteFields.ascii("CD001"), ByteFields.ascii("NSR02"), ByteFields.ascii("NSR03")
    };
    private static final int PRIMARY_VOLUME_DESCRIPTOR = 1;

    private final CaptureRegion descriptor = addRegion(DESCRIPTOR_OFFSET, DESCRIPTOR_LENGTH);

    @Override
    ImageFormat format() {
        return ImageFormat.ISO;
    }

    @Override
    boolean wantsMoreData() {
        return !descriptor.complete();
    }

    @Override
    void afterChunk() {
        if (signatureMismatch()) {
            ruleOut();
        }
    }

    private boolean signatureMismatch() {
        return descriptor.filled() >= 6 && !signed();
    }

    private boolean signed() {
        for (byte[] signature : SIGNATURES) {
            if (signaturePresent(descriptor, 1, signature)) {
                return true;
            }
        }
        return false;
    }

    @Override
    FormatReport report(long streamLength) {
        if (ruledOut() || !signed()) {
            return FormatReport.notMatched(format());
        }
        var failures = failures();
        if (!descriptor.complete()) {
            failures.add(new SafetyFailure("header", "Truncated ISO volume descriptor"));
            return FormatReport.matched(format(), OptionalLong.empty(), failures);
        }
        byte[] d = descriptor.data();
        if (u8(d, 0) != PRIMARY_VOLUME_DESCRIPTOR) {
            // UDF, or an ISO whose first descriptor is not the primary one: no size to read (oslo: 0).
            return FormatReport.matched(format(), OptionalLong.empty(), failures);
        }
        long blocks = u32le(d, 80);
        long blockSize = u16le(d, 128);
        return FormatReport.matched(format(), OptionalLong.of(blocks * blockSize), failures);
    }
}
