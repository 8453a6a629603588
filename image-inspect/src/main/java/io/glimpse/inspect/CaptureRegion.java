package io.glimpse.inspect;

/**
 * A fixed window of the stream ({@code length} bytes from absolute {@code offset}) collected
 * across chunks of any size and alignment, like oslo's {@code CaptureRegion}.
 *
 * <p>The buffer is only allocated when the first byte of the window arrives, so an inspector
 * that rules its format out early never pays for the regions it would have needed later.
 */
final class CaptureRegion {

    private static final byte[] NOTHING = new byte[0];

    private final long offset;
    private final int length;
    private byte[] data = NOTHING;
    private int filled;
    private boolean missed;
    private boolean released;

    CaptureRegion(long offset, int length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be >= 0");
        }
        this.offset = offset;
        this.length = length;
    }

    /** Takes this region's share of a chunk that starts at absolute position {@code chunkStart}. */
    void capture(long chunkStart, byte[] chunk, int chunkOffset, int chunkLength) {
        if (filled == length || missed || released) {
            return;
        }
        long wanted = offset + filled;
        if (wanted >= chunkStart + chunkLength) {
            return;
        }
        if (wanted < chunkStart) {
            // The region was defined after the stream had passed its start: it can never be filled.
            missed = true;
            return;
        }
        int skip = (int) (wanted - chunkStart);
        int n = Math.min(length - filled, chunkLength - skip);
        if (data.length == 0) {
            data = new byte[length];
        }
        System.arraycopy(chunk, chunkOffset + skip, data, filled, n);
        filled += n;
    }

    long offset() {
        return offset;
    }

    int length() {
        return length;
    }

    /** Bytes captured so far; {@link #data()} is valid up to here. */
    int filled() {
        return filled;
    }

    boolean complete() {
        return filled == length;
    }

    /** True when part of the window had already streamed past before the region existed. */
    boolean missed() {
        return missed;
    }

    /** The captured bytes; only the first {@link #filled()} are meaningful. */
    byte[] data() {
        return data;
    }

    int retainedBytes() {
        return data.length;
    }

    /** Frees the buffer once its content has been parsed or is no longer needed; final. */
    void release() {
        data = NOTHING;
        filled = 0;
        released = true;
    }
}
