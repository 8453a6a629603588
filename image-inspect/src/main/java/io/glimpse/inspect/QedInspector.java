package io.glimpse.inspect;

import java.util.List;
import java.util.OptionalLong;

import static io.glimpse.inspect.ByteFields.u64le;

/**
 * QEMU Enhanced Disk. Nobody supports it any more, so, as in oslo, it is recognised only to be
 * refused. Little-endian header with the image size at 48.
 */
final class QedInspector extends MagicHeaderInspector {

    private static final byte[] MAGIC = {'Q', 'E', 'D', 0};
    private static final int CAPTURE = 64;

    QedInspector() {
        super(MAGIC, CAPTURE);
    }

    @Override
    ImageFormat format() {
        return ImageFormat.QED;
    }

    @Override
    FormatReport reportMatched(long streamLength) {
        var failures = failures(new SafetyFailure("banned", "This file format is not allowed"));
        OptionalLong size = header.filled() >= 56
                ? unsignedSize(u64le(header.data(), 48), failures, "header")
                : OptionalLong.empty();
        return FormatReport.matched(format(), size, List.copyOf(failures));
    }
}
