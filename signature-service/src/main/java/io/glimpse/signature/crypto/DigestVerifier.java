package io.glimpse.signature.crypto;

import java.security.PublicKey;

/**
 * Verifies a signature over an already computed digest, never over the data: the caller hashed the
 * image while streaming it once. Implementations answer false for any malformed signature.
 */
interface DigestVerifier {

    /** @param key a key of the verifier's algorithm (the key type was matched before) */
    boolean verify(PublicKey key, HashMethod hash, byte[] digest, byte[] signature);
}
