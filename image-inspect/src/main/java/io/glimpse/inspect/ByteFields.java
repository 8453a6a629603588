package io.glimpse.inspect;

import java.nio.charset.StandardCharsets;

/** Reads fixed-width integers and signatures out of captured header bytes. */
final class ByteFields {

    private ByteFields() {}

    static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    static int u16le(byte[] b, int at) {
        return u8(b, at) | u8(b, at + 1) << 8;
    }

    static int u16be(byte[] b, int at) {
        return u8(b, at) << 8 | u8(b, at + 1);
    }

    static long u32le(byte[] b, int at) {
        return (long) u16le(b, at) | (long) u16le(b, at + 2) << 16;
    }

    static long u32be(byte[] b, int at) {
        return (long) u16be(b, at) << 16 | u16be(b, at + 2);
    }

    /** Unsigned 64-bit value in Java's signed long: values at or above 2^63 come out negative. */
    static long u64le(byte[] b, int at) {
        return u32le(b, at) | u32le(b, at + 4) << 32;
    }

    /** Unsigned 64-bit value in Java's signed long: values at or above 2^63 come out negative. */
    static long u64be(byte[] b, int at) {
        return u32be(b, at) << 32 | u32be(b, at + 4);
    }

    /** True when {@code b[at..]} holds {@code expected}, which must lie within {@code available}. */
    static boolean matches(byte[] b, int available, int at, byte[] expected) {
        if (at + expected.length > available) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
