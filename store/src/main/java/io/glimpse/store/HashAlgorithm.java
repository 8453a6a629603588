package io.glimpse.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Digest algorithms a store can compute while data streams through.
 *
 * <p>Two spellings meet here: Glance's {@code os_hash_algo} uses Python hashlib names
 * ({@code sha512}, {@code sha3_256}) while {@code img_signature_hash_method} uses
 * {@code SHA-256}-style names. {@link #fromName} accepts both.
 */
public enum HashAlgorithm {
    MD5("md5", "MD5"),
    SHA1("sha1", "SHA-1"),
    SHA224("sha224", "SHA-224"),
    SHA256("sha256", "SHA-256"),
    SHA384("sha384", "SHA-384"),
    SHA512("sha512", "SHA-512"),
    SHA3_224("sha3_224", "SHA3-224"),
    SHA3_256("sha3_256", "SHA3-256"),
    SHA3_384("sha3_384", "SHA3-384"),
    SHA3_512("sha3_512", "SHA3-512");

    private final String glanceName;
    private final String jcaName;

    HashAlgorithm(String glanceName, String jcaName) {
        this.glanceName = glanceName;
        this.jcaName = jcaName;
    }

    /** The hashlib name, as stored in {@code os_hash_algo}. */
    public String glanceName() {
        return glanceName;
    }

    /** The name {@link MessageDigest#getInstance(String)} understands. */
    public String jcaName() {
        return jcaName;
    }

    /** Digest length in bytes (twice that in hex characters). */
    public int digestLength() {
        return newDigest().getDigestLength();
    }

    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            // Every algorithm listed is mandatory in the JDK's SUN provider.
            throw new IllegalStateException("JDK lacks " + jcaName, e);
        }
    }

    /** Looks up {@code sha512}, {@code SHA-512}, {@code sha3_256}, {@code SHA3-256}, ... */
    public static Optional<HashAlgorithm> fromName(String name) {
        String wanted = normalize(name);
        for (HashAlgorithm algorithm : values()) {
            if (normalize(algorithm.glanceName).equals(wanted)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
