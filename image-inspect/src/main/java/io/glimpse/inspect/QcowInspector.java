package io.glimpse.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static io.glimpse.inspect.ByteFields.u32be;
import static io.glimpse.inspect.ByteFields.u64be;

/**
 * QEMU qcow2 (and the obsolete qcow v1, which shares the magic and is rejected). Big-endian
 * header: magic at 0, version at 4, backing file offset at 8, virtual size at 24, incompatible
 * features at 72 (v3), header length at 100 (v3), then header extensions.
 *
 * <p>Checks, as oslo's {@code QcowInspector}: a backing file, an external data file (incompatible
 * feature bit 2) and unknown incompatible features are unsafe; versions other than 2 and 3 are
 * unsafe. In addition the header extensions are walked and an external data file name extension
 * is reported too.
 */
final class QcowInspector extends MagicHeaderInspector {

    private static final byte[] MAGIC = {'Q', 'F', 'I', (byte) 0xfb};
    /** oslo trusts nothing shorter than this (it is also the smallest cluster size). */
    private static final int MIN_HEADER = 512;
    /** Room for the v3 header and the extensions qemu writes ahead of its feature table. */
    private static final int CAPTURE = 4096;

    private static final int V2_HEADER_LENGTH = 72;
    private static final int INCOMPATIBLE_FEATURES = 72;
    private static final int HEADER_LENGTH_FIELD = 100;
    private static final long DATA_FILE_BIT = 1L << 2;
    /**
     * Incompatible feature bits oslo knows (dirty, corrupt, external data file, compression type).
     * Bit 4 (extended L2) and above count as unknown there, so they do here.
     */
    private static final long KNOWN_INCOMPATIBLE_FEATURES = 0x0F;

    private static final long EXTENSION_END = 0;
    private static final long EXTENSION_DATA_FILE = 0x44415441L; // "DATA"

    QcowInspector() {
        super(MAGIC, CAPTURE);
    }

    @Override
    ImageFormat format() {
        return ImageFormat.QCOW2;
    }

    @Override
    FormatReport reportMatched(long streamLength) {
        byte[] h = header.data();
        int n = header.filled();
        List<SafetyFailure> failures = new ArrayList<>();
        if (n < MIN_HEADER) {
            failures.add(new SafetyFailure("header", "Truncated qcow2 header (" + n + " bytes)"));
            return FormatReport.matched(format(), OptionalLong.empty(), failures);
        }
        OptionalLong size = unsignedSize(u64be(h, 24), failures, "header");
        long version = u32be(h, 4);
        if (u64be(h, 8) != 0) {
            failures.add(new SafetyFailure("backing_file", "Image has a backing file"));
        }
        if (version == 3) {
            long features = u64be(h, INCOMPATIBLE_FEATURES);
            if ((features & DATA_FILE_BIT) != 0) {
                failures.add(new SafetyFailure("data_file", "Image has data_file set"));
            }
            if ((features & ~KNOWN_INCOMPATIBLE_FEATURES) != 0) {
                failures.add(new SafetyFailure("unknown_features", "Unknown QCOW2 features found"));
            }
            checkExtensions(h, n, (int) Math.min(u32be(h, HEADER_LENGTH_FIELD), n), failures);
        } else if (version == 2) {
            // v2 has neither feature bits nor external data files.
            checkExtensions(h, n, V2_HEADER_LENGTH, failures);
        } else {
            failures.add(new SafetyFailure("version", "Unsupported qcow2 version " + version));
        }
        return FormatReport.matched(format(), size, failures);
    }

    /** Walks the header extensions that fit in the captured bytes, looking for a data file name. */
    private static void checkExtensions(byte[] h, int n, int start, List<SafetyFailure> failures) {
        int at = Math.max(start, V2_HEADER_LENGTH);
        while (at + 8 <= n) {
            long type = u32be(h, at);
            long length = u32be(h, at + 4);
            if (type == EXTENSION_END) {
                return;
            }
            if (type == EXTENSION_DATA_FILE) {
                failures.add(new SafetyFailure("data_file_extension", "Image names an external data file"));
                return;
            }
            long next = at + 8L + ((length + 7) & ~7L);
            if (next > n) {
                return;
            }
            at = (int) next;
        }
    }
}
