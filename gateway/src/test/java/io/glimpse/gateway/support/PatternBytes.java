package io.glimpse.gateway.support;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A reproducible stream of pseudo-random bytes of a given size: generated on the fly, never held
 * whole, identical on both sides of a transfer for the same size and seed.
 */
public final class PatternBytes {

    public static final int CHUNK = 64 * 1024;

    private final SplittableRandom random;
    private long remaining;

    public PatternBytes(long size, long seed) {
        this.random = new SplittableRandom(seed);
        this.remaining = size;
    }

    public boolean hasNext() {
        return remaining > 0;
    }

    /** The next chunk (64 KiB, the last one shorter). */
    public byte[] next() {
        byte[] chunk = new byte[CHUNK];
        random.nextBytes(chunk);
        int length = (int) Math.min(CHUNK, remaining);
        remaining -= length;
        return length == CHUNK ? chunk : java.util.Arrays.copyOf(chunk, length);
    }

    public InputStream asInputStream() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) {
                if (position == current.length) {
                    if (!hasNext()) {
                        return -1;
                    }
                    current = next();
                    position = 0;
                }
                int n = Math.min(length, current.length - position);
                System.arraycopy(current, position, target, offset, n);
                position += n;
                return n;
            }
        };
    }

    /** SHA-256 (hex) of the stream for this size and seed, computed by generating it once more. */
    public static String sha256(long size, long seed) {
        MessageDigest digest = sha256();
        PatternBytes bytes = new PatternBytes(size, seed);
        while (bytes.hasNext()) {
            digest.update(bytes.next());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
