package io.glimpse.imports.service;

import io.glimpse.contracts.event.ImageSnapshot;
import io.glimpse.store.DigestSpec;
import io.glimpse.store.HashAlgorithm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which digests the one pass over staged data computes: MD5 and the {@code os_hash} always, and the signature's hash
 * when the image is signed (glance-v2-api.md §6), so that the signature is verified without reading the data again.
 */
public final class StagedDigests {
    /** The four properties that make an image signed: all or nothing. */
    public static final List<String> SIGNATURE_KEYS = List.of(
            "img_signature", "img_signature_hash_method", "img_signature_key_type", "img_signature_certificate_uuid");

    private StagedDigests() {}

    public static DigestSpec of(HashAlgorithm osHash, ImageSnapshot image) {
        DigestSpec base = DigestSpec.of(osHash);
        return signatureHash(image.properties()).map(base::withSignatureHash).orElse(base);
    }

    /** The hash a signed image's signature was made over, when it is one Glance accepts. */
    public static Optional<HashAlgorithm> signatureHash(Map<String, String> properties) {
        if (!SIGNATURE_KEYS.stream().allMatch(properties::containsKey)) {
            return Optional.empty();
        }
        return HashAlgorithm.fromName(properties.get("img_signature_hash_method"))
                .filter(algorithm -> algorithm.jcaName().startsWith("SHA-") && algorithm != HashAlgorithm.SHA1);
    }

    public static boolean isSigned(Map<String, String> properties) {
        return SIGNATURE_KEYS.stream().allMatch(properties::containsKey);
    }
}
