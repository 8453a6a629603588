package io.glimpse.signature.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/** Strict DER decoding of {@code SEQUENCE {INTEGER r, INTEGER s}} (definite lengths, nothing trailing). */
final class DerSignature {
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    private final byte[] der;
    private int position;

    private DerSignature(byte[] der) {
        this.der = der;
    }

    static Optional<BigInteger[]> decode(byte[] der) {
        DerSignature reader = new DerSignature(der);
        try {
            int sequenceLength = reader.header(SEQUENCE);
            if (reader.position + sequenceLength != der.length) {
                return Optional.empty();
            }
            BigInteger r = reader.integer();
            BigInteger s = reader.integer();
            return reader.position == der.length ? Optional.of(new BigInteger[] {r, s}) : Optional.empty();
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private BigInteger integer() {
        int length = header(INTEGER);
        if (length == 0 || position + length > der.length) {
            throw new IllegalArgumentException("bad INTEGER");
        }
        BigInteger value = new BigInteger(Arrays.copyOfRange(der, position, position + length));
        position += length;
        return value;
    }

    /** Reads a tag and a definite length (at most 4 length octets); returns the content length. */
    private int header(int expectedTag) {
        if ((der[position++] & 0xff) != expectedTag) {
            throw new IllegalArgumentException("unexpected tag");
        }
        int first = der[position++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int octets = first & 0x7f;
        if (octets == 0 || octets > 4) {
            throw new IllegalArgumentException("unsupported length");
        }
        int length = 0;
        for (int i = 0; i < octets; i++) {
            length = (length << 8) | (der[position++] & 0xff);
        }
        if (length < 0) {
            throw new IllegalArgumentException("negative length");
        }
        return length;
    }
}
