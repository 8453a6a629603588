package io.glimpse.gateway.identity;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One-way hashes of application credential secrets, as Keystone keeps them: PBKDF2 with HMAC-SHA-256
 * and a random salt, in a self-describing text ({@code pbkdf2-sha256$<iterations>$<salt>$<hash>}) so
 * the cost can rise later without invalidating existing credentials. CPU-bound: call it off the event
 * loop.
 */
final class SecretHasher {

    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** Secrets are usually 64 random bytes; the work factor guards the ones users choose themselves. */
    private static final int ITERATIONS = 100_000;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private SecretHasher() {}

    static String hash(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return String.join(
                "$",
                SCHEME,
                Integer.toString(ITERATIONS),
                ENCODER.encodeToString(salt),
                ENCODER.encodeToString(derive(secret, salt, ITERATIONS)));
    }

    static boolean matches(String secret, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] expected = DECODER.decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(secret, DECODER.decode(parts[2]), iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A new secret like Keystone's: 64 random bytes, base64url without padding. */
    static String newSecret() {
        byte[] secret = new byte[64];
        RANDOM.nextBytes(secret);
        return ENCODER.encodeToString(secret);
    }

    private static byte[] derive(String secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
