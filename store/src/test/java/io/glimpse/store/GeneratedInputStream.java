package io.glimpse.store;

import java.io.InputStream;

/**
 * Deterministic pseudo-random bytes (xorshift64*) produced on the fly, so tests can push hundreds
 * of MiB through a store without holding them, and regenerate the same bytes to check digests.
 * An optional checkpoint runs every {@code checkpointInterval} bytes (used to sample the heap).
 */
final class GeneratedInputStream extends InputStream {

    private final long size;
    private final long checkpointInterval;
    private final Runnable checkpoint;
    private long state;
    private long position;
    private long nextCheckpoint;
    private long word;
    private int wordBytesLeft;

    GeneratedInputStream(long size, long seed) {
        this(size, seed, Long.MAX_VALUE, () -> {});
    }

    GeneratedInputStream(long size, long seed, long checkpointInterval, Runnable checkpoint) {
        this.size = size;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        this.checkpointInterval = checkpointInterval;
        this.checkpoint = checkpoint;
        this.nextCheckpoint = checkpointInterval;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(length, size - position);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = nextByte();
        }
        position += n;
        if (position >= nextCheckpoint) {
            nextCheckpoint += checkpointInterval;
            checkpoint.run();
        }
        return n;
    }

    private byte nextByte() {
        if (wordBytesLeft == 0) {
            state ^= state >>> 12;
            state ^= state << 25;
            state ^= state >>> 27;
            word = state * 0x2545F4914F6CDD1DL;
            wordBytesLeft = 8;
        }
        byte b = (byte) word;
        word >>>= 8;
        wordBytesLeft--;
        return b;
    }

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        int off = 0;
        GeneratedInputStream in = new GeneratedInputStream(size, seed);
        while (off < size) {
            off += in.read(data, off, size - off);
        }
        return data;
    }
}
