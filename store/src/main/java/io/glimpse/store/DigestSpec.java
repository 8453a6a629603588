package io.glimpse.store;

import java.util.Objects;
import java.util.Optional;

/**
 * Which digests a write computes besides MD5 (always computed: it is Glance's {@code checksum}).
 *
 * @param osHash the {@code os_hash_algo} digest, reported as hex in {@code os_hash_value}
 * @param signatureHash the hash an image signature was made over ({@code
 *     img_signature_hash_method}), returned as raw bytes for the verifier
 */
public record DigestSpec(HashAlgorithm osHash, Optional<HashAlgorithm> signatureHash) {

    public DigestSpec {
        Objects.requireNonNull(osHash, "osHash");
        Objects.requireNonNull(signatureHash, "signatureHash");
    }

    /** Glance's default: {@code hashing_algorithm = sha512}, no signature. */
    public static DigestSpec glanceDefault() {
        return of(HashAlgorithm.SHA512);
    }

    public static DigestSpec of(HashAlgorithm osHash) {
        return new DigestSpec(osHash, Optional.empty());
    }

    public DigestSpec withSignatureHash(HashAlgorithm algorithm) {
        return new DigestSpec(osHash, Optional.of(algorithm));
    }
}
