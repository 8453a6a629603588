package io.glimpse.signature.crypto;

import java.util.Arrays;
import java.util.Optional;

/** Glance's {@code img_signature_hash_method} values; the image data was hashed with one of these. */
public enum HashMethod {
    SHA_224("SHA-224", 28),
    SHA_256("SHA-256", 32),
    SHA_384("SHA-384", 48),
    SHA_512("SHA-512", 64);

    private final String glanceName;
    private final int digestLength;

    HashMethod(String glanceName, int digestLength) {
        this.glanceName = glanceName;
        this.digestLength = digestLength;
    }

    /** The property value, which is also the JCA algorithm name. */
    public String glanceName() {
        return glanceName;
    }

    public int digestLength() {
        return digestLength;
    }

    public static Optional<HashMethod> fromGlanceName(String value) {
        return Arrays.stream(values())
                .filter(method -> method.glanceName.equals(value))
                .findFirst();
    }
}
