package io.glimpse.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static io.glimpse.inspect.ByteFields.allZero;
import static io.glimpse.inspect.ByteFields.u32le;
import static io.glimpse.inspect.ByteFields.u64le;

/**
 * VMware VMDK, in the two shapes qemu opens:
 *
 * <ul>
 *   <li><b>sparse</b>: a 512-byte little-endian "hosted sparse extent" header ("KDMV", version,
 *       flags, capacity in sectors at 12, descriptor offset and size in sectors at 28 and 36,
 *       grain directory offset at 56) followed by an embedded text descriptor at 0x200. This is
 *       monolithicSparse and streamOptimized, the variants that keep all data in one file;
 *   <li><b>descriptor-only</b>: a text file whose extents all live in other files. oslo treats
 *       printable text with a {@code createType} header as such a descriptor.
 * </ul>
 *
 * <p>Checks, beyond oslo's: the descriptor is parsed strictly ({@link VmdkDescriptorScanner}) and
 * its createType must be allowed; a descriptor-only VMDK is always unsafe (its data is by
 * definition in other files, e.g. a FLAT extent on /etc/passwd); a sparse header must carry its
 * descriptor at 0x200 and a non-zero capacity (with capacity 0 qemu follows the descriptor's
 * extents instead of the file's grains), its extents must be SPARSE, and a
 * {@code parentFileNameHint} anywhere is a backing file. A header that defers its grain directory
 * to a footer (streamOptimized) must end with a footer marker, a footer matching the header, and
 * an end-of-stream marker, which is why this inspector keeps a 1.5 KiB tail window.
 */
final class VmdkInspector extends FormatInspector {

    private static final byte[] SPARSE_MAGIC = ByteFields.ascii("KDMV");
    private static final int HEADER_LENGTH = 512;
    private static final long DESCRIPTOR_SECTOR = 1; // 0x200, hardcoded in qemu as well
    /** qemu reads at most this much descriptor. */
    private static final int DESCRIPTOR_MAX_LENGTH = (1 << 20) - 1;

    private static final long GD_AT_END = 0xffffffffffffffffL;
    private static final int FOOTER_WINDOW = 3 * 512; // footer marker, footer, end-of-stream marker
    private static final long MARKER_END_OF_STREAM = 0;
    private static final long MARKER_FOOTER = 3;

    private enum Layout {
        UNDECIDED,
        NOT_VMDK,
        SPARSE,
        DESCRIPTOR_ONLY
    }

    private final Set<String> allowedCreateTypes;
    private final CaptureRegion header = addRegion(0, HEADER_LENGTH);
    private final VmdkDescriptorScanner descriptor = new VmdkDescriptorScanner();
    private Layout layout = Layout.UNDECIDED;

    private final List<SafetyFailure> headerFailures = new ArrayList<>();
    private long capacitySectors;
    private boolean scanning;
    private long nextDescriptorByte;
    private long descriptorEnd;
    private boolean footerExpected;
    private TailWindow tail = new TailWindow(0);

    VmdkInspector(Set<String> allowedCreateTypes) {
        this.allowedCreateTypes = Set.copyOf(allowedCreateTypes);
    }

    @Override
    ImageFormat format() {
        return ImageFormat.VMDK;
    }

    @Override
    boolean wantsMoreData() {
        return layout == Layout.UNDECIDED || scanning || footerExpected;
    }

    @Override
    void afterChunk() {
        if (layout == Layout.UNDECIDED) {
            if (binaryWithoutMagic()) {
                notVmdk();
                return;
            }
            if (header.complete()) {
                decideLayout();
            }
        }
        if (scanning) {
            nextDescriptorByte = visitChunk(nextDescriptorByte, descriptorEnd, descriptor::feed);
            if (descriptor.ended() || nextDescriptorByte >= descriptorEnd) {
                stopScanning();
            }
        }
        if (footerExpected) {
            visitChunk(0, Long.MAX_VALUE, tail::append);
        }
    }

    /** Neither a sparse header nor text: most binary images are ruled out within a few bytes. */
    private boolean binaryWithoutMagic() {
        int n = header.filled();
        return n >= SPARSE_MAGIC.length && !signaturePresent(header, 0, SPARSE_MAGIC) && !isText(header.data(), n);
    }

    private void decideLayout() {
        if (signaturePresent(header, 0, SPARSE_MAGIC)) {
            layout = Layout.SPARSE;
            readSparseHeader();
        } else if (isText(header.data(), header.filled())) {
            layout = Layout.DESCRIPTOR_ONLY;
            // The descriptor is the file itself; its first bytes are already in the header region.
            descriptor.feed(header.data(), 0, header.filled());
            startScanning(header.filled(), DESCRIPTOR_MAX_LENGTH);
        } else {
            notVmdk();
        }
    }

    private void readSparseHeader() {
        byte[] h = header.data();
        long version = u32le(h, 4);
        capacitySectors = u64le(h, 12);
        long descriptorSector = u64le(h, 28);
        long descriptorSectors = u64le(h, 36);
        if (version < 1 || version > 3) {
            headerFailures.add(new SafetyFailure("header", "Unsupported format version " + version));
        }
        if (capacitySectors == 0) {
            headerFailures.add(new SafetyFailure(
                    "header",
                    "Sparse header declares no capacity," + " so qemu would follow the descriptor's extents instead"));
        }
        if (u64le(h, 56) == GD_AT_END) {
            // The grain directory is in a footer, which takes precedence over this header.
            footerExpected = true;
            tail = new TailWindow(FOOTER_WINDOW);
        }
        if (descriptorSector != DESCRIPTOR_SECTOR) {
            headerFailures.add(new SafetyFailure("descriptor", "Wrong descriptor location"));
        } else if (descriptorSectors == 0) {
            headerFailures.add(new SafetyFailure("descriptor", "No descriptor found"));
        } else {
            // Bounded like qemu; an absurd (or, read signed, negative) sector count reads the maximum.
            long maxSectors = DESCRIPTOR_MAX_LENGTH / 512 + 1;
            long sectors = descriptorSectors < 0 ? maxSectors : Math.min(descriptorSectors, maxSectors);
            startScanning(HEADER_LENGTH, HEADER_LENGTH + Math.min(sectors * 512, DESCRIPTOR_MAX_LENGTH));
        }
    }

    private void startScanning(long from, long to) {
        scanning = true;
        nextDescriptorByte = from;
        descriptorEnd = to;
    }

    private void stopScanning() {
        scanning = false;
        descriptor.finish();
        descriptor.release();
    }

    private void notVmdk() {
        layout = Layout.NOT_VMDK;
        ruleOut();
    }

    @Override
    long retainedBytes() {
        return super.retainedBytes() + descriptor.retainedBytes() + tail.retainedBytes();
    }

    @Override
    void close() {
        super.close();
        descriptor.release();
        tail = new TailWindow(0);
    }

    @Override
    FormatReport report(long streamLength) {
        if (layout == Layout.UNDECIDED) {
            decideShortStream();
        }
        return switch (layout) {
            case UNDECIDED, NOT_VMDK -> FormatReport.notMatched(format());
            case DESCRIPTOR_ONLY -> descriptorOnlyReport();
            case SPARSE -> sparseReport(streamLength);
        };
    }

    /** A stream shorter than a header: a truncated sparse VMDK, a tiny descriptor, or neither. */
    private void decideShortStream() {
        if (signaturePresent(header, 0, SPARSE_MAGIC)) {
            layout = Layout.SPARSE;
            headerFailures.add(new SafetyFailure("header", "Truncated VMDK header"));
        } else if (header.filled() > 0 && isText(header.data(), header.filled())) {
            layout = Layout.DESCRIPTOR_ONLY;
            descriptor.feed(header.data(), 0, header.filled());
        } else {
            layout = Layout.NOT_VMDK;
        }
    }

    private FormatReport descriptorOnlyReport() {
        descriptor.finish();
        if (!descriptor.mentionsCreateType()) {
            return FormatReport.notMatched(format()); // just text
        }
        List<SafetyFailure> failures = new ArrayList<>();
        failures.add(new SafetyFailure("descriptor", "Descriptor-only VMDK: its data lives in separate extent files"));
        failures.addAll(descriptor.failures(allowedCreateTypes, false));
        return FormatReport.matched(format(), OptionalLong.empty(), failures);
    }

    private FormatReport sparseReport(long streamLength) {
        List<SafetyFailure> failures = new ArrayList<>(headerFailures);
        boolean headerRead = header.complete();
        if (headerRead && scanning) {
            failures.add(new SafetyFailure("descriptor", "Truncated descriptor"));
        }
        if (headerRead && failures.stream().noneMatch(f -> f.check().equals("descriptor"))) {
            descriptor.finish();
            failures.addAll(descriptor.failures(allowedCreateTypes, true));
        }
        if (footerExpected) {
            footerProblem(streamLength).ifPresent(failures::add);
        }
        OptionalLong size = OptionalLong.empty();
        if (headerRead) {
            if (capacitySectors < 0 || capacitySectors > Long.MAX_VALUE / 512) {
                failures.add(new SafetyFailure("header", "Virtual size is larger than 2^63-1 bytes"));
            } else {
                size = OptionalLong.of(capacitySectors * 512);
            }
        }
        return FormatReport.matched(format(), size, failures);
    }

    /** oslo's {@code check_footer}: the first problem with the three trailing sectors. */
    private Optional<SafetyFailure> footerProblem(long streamLength) {
        if (streamLength < HEADER_LENGTH + FOOTER_WINDOW || !tail.full()) {
            return footer("Image is too short to hold the footer its header announces");
        }
        byte[] t = tail.lastBytes();
        byte[] h = header.data();
        int footerHeader = 512;
        if (!ByteFields.matches(t, t.length, footerHeader, SPARSE_MAGIC)) {
            return footer("Header and footer signature do not match");
        }
        if (u32le(t, footerHeader + 4) != u32le(h, 4)) {
            return footer("Header and footer versions do not match");
        }
        boolean sameDescriptor =
                u64le(t, footerHeader + 28) == u64le(h, 28) && u64le(t, footerHeader + 36) == u64le(h, 36);
        if (!sameDescriptor) {
            return footer("Footer specifies a different descriptor than header");
        }
        if (u64le(t, footerHeader + 56) == GD_AT_END) {
            return footer("Footer indicates another footer");
        }
        if (!isMarker(t, 0, MARKER_FOOTER, false)) {
            return footer("Footer marker is invalid");
        }
        if (!isMarker(t, 1024, MARKER_END_OF_STREAM, true)) {
            return footer("End-of-stream marker is invalid");
        }
        return Optional.empty();
    }

    /** A stream marker sector: value (u64), size 0 (u32), type (u32), then 496 zero bytes. */
    private static boolean isMarker(byte[] t, int at, long type, boolean valueMustBeZero) {
        return (!valueMustBeZero || u64le(t, at) == 0)
                && u32le(t, at + 8) == 0
                && u32le(t, at + 12) == type
                && allZero(t, at + 16, at + 512);
    }

    private static Optional<SafetyFailure> footer(String reason) {
        return Optional.of(new SafetyFailure("footer", reason));
    }

    /** Printable ASCII or whitespace only, like oslo's isprintable()/isspace() test. */
    private static boolean isText(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xff;
            boolean printable = b >= 0x20 && b < 0x7f;
            boolean whitespace = b >= 0x09 && b <= 0x0d;
            if (!printable && !whitespace) {
                return false;
            }
        }
        return true;
    }
}
