package io.glimpse.inspect;

import java.util.OptionalLong;

import static io.glimpse.inspect.ByteFields.u16be;
import static io.glimpse.inspect.ByteFields.u32be;

/**
 * LUKS-encrypted disk. Big-endian header: magic "LUKS\xba\xbe", version at 6, payload offset (in
 * 512-byte sectors) at 104. As in oslo only version 1 is accepted, and the virtual size is the
 * stream length minus the header and key material in front of the payload.
 */
final class LuksInspector extends MagicHeaderInspector {

    private static final byte[] MAGIC = {'L', 'U', 'K', 'S', (byte) 0xba, (byte) 0xbe};
    private static final int HEADER_LENGTH = 592;
    private static final int PAYLOAD_OFFSET_AT = 104;

    LuksInspector() {
        super(MAGIC, HEADER_LENGTH);
    }

    @Override
    ImageFormat format() {
        return ImageFormat.LUKS;
    }

    @Override
    FormatReport reportMatched(long streamLength) {
        var failures = failures();
        if (!header.complete()) {
            failures.add(new SafetyFailure("header", "Truncated LUKS header"));
            return FormatReport.matched(format(), OptionalLong.empty(), failures);
        }
        int version = u16be(header.data(), 6);
        if (version != 1) {
            failures.add(new SafetyFailure("version", "LUKS version " + version + " is not supported"));
        }
        long payloadBytes = u32be(header.data(), PAYLOAD_OFFSET_AT) * 512;
        if (payloadBytes > streamLength) {
            failures.add(new SafetyFailure("header", "LUKS payload starts beyond the end of the image"));
            return FormatReport.matched(format(), OptionalLong.empty(), failures);
        }
        return FormatReport.matched(format(), OptionalLong.of(streamLength - payloadBytes), failures);
    }
}
