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
    MD5("md5", "MD5", null),
    SHA1("sha1", "SHA-1", null),
    SHA224("sha224", "SHA-224", null),
    SHA256("sha256", "SHA-256", null),
    // OpenSSL only where it beats the JDK here: SHA-384/512 (~800 MiB/s vs ~530); the JDK's MD5 and its SHA-256
    // (SHA extensions) are as fast or faster.
    SHA384("sha384", "SHA-384", "SHA2-384"),
    SHA512("sha512", "SHA-512", "SHA2-512"),
    SHA3_224("sha3_224", "SHA3-224", null),
    SHA3_256("sha3_256", "SHA3-256", null),
    SHA3_384("sha3_384", "SHA3-384", null),
    SHA3_512("sha3_512", "SHA3-512", null);

    private final String glanceName;
    private final String jcaName;
    private final String openSslName;

    HashAlgorithm(String glanceName, String jcaName, String openSslName) {
        this.glanceName = glanceName;
        this.jcaName = jcaName;
        this.openSslName = openSslName;
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
        return newJdkDigest().getDigestLength();
    }

    /** The name OpenSSL computes this algorithm under, when OpenSSL is the faster of the two here. */
    Optional<String> openSslName() {
        return Optional.ofNullable(openSslName);
    }

    /** A digest computing this algorithm: OpenSSL's where it is faster and available, the JDK's otherwise. */
    public MessageDigest newDigest() {
        if (openSslName != null) {
            Optional<OpenSslDigests> openSsl = OpenSslDigests.available();
            if (openSsl.isPresent()) {
                return openSsl.get().newDigest(jcaName, openSslName);
            }
        }
        return newJdkDigest();
    }

    /** The JDK's digest for this algorithm. */
    MessageDigest newJdkDigest() {
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
