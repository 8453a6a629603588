package io.glimpse.inspect;

/**
 * Keeps the last {@code capacity} bytes of a stream of unknown length in a ring buffer, like
 * oslo's {@code EndCaptureRegion}: what is there at end of stream is the tail of the image.
 */
final class TailWindow {

    private final byte[] ring;
    private long total;

    TailWindow(int capacity) {
        this.ring = new byte[capacity];
    }

    void append(byte[] chunk, int offset, int length) {
        int capacity = ring.length;
        if (capacity == 0) {
            return;
        }
        if (length > capacity) {
            // Only the last `capacity` bytes of this chunk can survive.
            total += length - capacity;
            offset += length - capacity;
            length = capacity;
        }
        int at = (int) (total % capacity);
        int first = Math.min(length, capacity - at);
        System.arraycopy(chunk, offset, ring, at, first);
        System.arraycopy(chunk, offset + first, ring, 0, length - first);
        total += length;
    }

    /** True once at least {@code capacity} bytes went through. */
    boolean full() {
        return total >= ring.length;
    }

    /** The last min(total, capacity) bytes, oldest first. */
    byte[] lastBytes() {
        int capacity = ring.length;
        int n = (int) Math.min(total, capacity);
        byte[] out = new byte[n];
        int start = (int) ((total - n) % Math.max(capacity, 1));
        int first = Math.min(n, capacity - start);
        System.arraycopy(ring, start, out, 0, first);
        System.arraycopy(ring, 0, out, first, n - first);
        return out;
    }

    int retainedBytes() {
        return ring.length;
    }
}
