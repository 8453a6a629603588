package io.glimpse.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Streaming detector for one format, modelled on oslo's {@code FileInspector}: it sees every
 * chunk once, in order, and keeps only the regions of the stream its format needs.
 *
 * <p>Subclasses declare {@link CaptureRegion}s (possibly discovered while reading, e.g. VHDX's
 * metadata table) and parse them in {@link #afterChunk()}. A region added while a chunk is being
 * processed immediately takes its share of that chunk, so nothing is lost when one chunk both
 * completes a header and contains the structure that header points to.
 *
 * <p>Malformed content never throws: it becomes a safety failure (when the format's signature
 * matched) or a non-match, so inspecting can never break the upload it rides on.
 */
abstract sealed class FormatInspector
        permits MagicHeaderInspector,
                VhdInspector,
                VhdxInspector,
                VmdkInspector,
                VdiInspector,
                IsoInspector,
                GptInspector {

    private final List<CaptureRegion> regions = new ArrayList<>();
    private long position;
    private boolean ruledOut;

    // The chunk being processed, kept only for the duration of update().
    private byte[] chunk;
    private int chunkOffset;
    private int chunkLength;
    private long chunkStart;

    abstract ImageFormat format();

    /** False once the inspector has all it needs or knows the content is not its format. */
    abstract boolean wantsMoreData();

    /** Parses whatever the regions captured from the latest chunk; may add regions. */
    abstract void afterChunk();

    /** The conclusion once the whole stream (of {@code streamLength} bytes) has been seen. */
    abstract FormatReport report(long streamLength);

    final void update(byte[] buffer, int offset, int length) {
        long start = position;
        position += length;
        if (length == 0 || ruledOut || !wantsMoreData()) {
            return;
        }
        chunk = buffer;
        chunkOffset = offset;
        chunkLength = length;
        chunkStart = start;
        try {
            for (CaptureRegion region : regions) {
                region.capture(start, buffer, offset, length);
            }
            afterChunk();
        } finally {
            chunk = null;
        }
    }

    /** Declares a region; if a chunk is being processed, it takes its share of it at once. */
    final CaptureRegion addRegion(long offset, int length) {
        CaptureRegion region = new CaptureRegion(offset, length);
        regions.add(region);
        if (chunk != null) {
            region.capture(chunkStart, chunk, chunkOffset, chunkLength);
        }
        return region;
    }

    /** Stops capturing into a region and frees its buffer. */
    final void dropRegion(CaptureRegion region) {
        region.release();
        regions.remove(region);
    }

    /** Records that the content is not this format and frees every buffer; final. */
    final void ruleOut() {
        ruledOut = true;
        dropAllRegions();
    }

    final boolean ruledOut() {
        return ruledOut;
    }

    /** Frees every region, e.g. once their content has been parsed. */
    final void dropAllRegions() {
        regions.forEach(CaptureRegion::release);
        regions.clear();
    }

    /**
     * Hands the part of the current chunk that lies in {@code [from, to)} (absolute positions) to
     * {@code consumer}, for inspectors that stream bytes through a parser instead of buffering them.
     *
     * @return the position just past what was handed over, or {@code from} if nothing was
     */
    final long visitChunk(long from, long to, ChunkConsumer consumer) {
        if (chunk == null) {
            return from;
        }
        long start = Math.max(from, chunkStart);
        long end = Math.min(to, chunkStart + chunkLength);
        if (start >= end) {
            return from;
        }
        consumer.accept(chunk, chunkOffset + (int) (start - chunkStart), (int) (end - start));
        return end;
    }

    /** Bytes held in buffers right now. */
    long retainedBytes() {
        long sum = 0;
        for (CaptureRegion region : regions) {
            sum += region.retainedBytes();
        }
        return sum;
    }

    /** Releases every buffer once the report has been taken. */
    void close() {
        dropAllRegions();
    }

    // --- helpers shared by the formats ---

    /** True once enough bytes are in to tell that {@code magic} is not at {@code at}. */
    static boolean signatureRuledOut(CaptureRegion region, int at, byte[] magic) {
        return region.filled() >= at + magic.length && !ByteFields.matches(region.data(), region.filled(), at, magic);
    }

    static boolean signaturePresent(CaptureRegion region, int at, byte[] magic) {
        return ByteFields.matches(region.data(), region.filled(), at, magic);
    }

    /**
     * A size read from an unsigned 64-bit field: present unless it does not fit a signed long,
     * in which case a failure is recorded instead (no real disk is 8 EiB).
     */
    static OptionalLong unsignedSize(long raw, List<SafetyFailure> failures, String check) {
        if (raw < 0) {
            failures.add(new SafetyFailure(check, "Virtual size is larger than 2^63-1 bytes"));
            return OptionalLong.empty();
        }
        return OptionalLong.of(raw);
    }

    static List<SafetyFailure> failures(SafetyFailure... failures) {
        return new ArrayList<>(List.of(failures));
    }
}
