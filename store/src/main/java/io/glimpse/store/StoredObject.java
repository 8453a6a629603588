package io.glimpse.store;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What a successful write produced: where the bytes are and the digests computed on the way.
 *
 * @param storeId id of the store holding the data (Glance location metadata {@code store})
 * @param location the location URL, e.g. {@code file:///var/lib/glimpse/images/<id>} or {@code
 *     s3://bucket/<id>}
 * @param size number of bytes stored
 * @param md5Hex Glance {@code checksum}
 * @param hashAlgo Glance {@code os_hash_algo} (hashlib name, e.g. {@code sha512})
 * @param hashHex Glance {@code os_hash_value}
 * @param signatureDigest raw digest for signature verification, when one was asked for
 */
public record StoredObject(
        String storeId,
        String location,
        long size,
        String md5Hex,
        String hashAlgo,
        String hashHex,
        Optional<byte[]> signatureDigest) {

    public StoredObject {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(md5Hex, "md5Hex");
        Objects.requireNonNull(hashAlgo, "hashAlgo");
        Objects.requireNonNull(hashHex, "hashHex");
        // Copy so that the record stays an immutable value.
        signatureDigest = signatureDigest.map(byte[]::clone);
    }

    /** The data at {@code location} of {@code storeId}, {@code size} bytes with the digests one pass computed. */
    static StoredObject of(String storeId, String location, long size, DigestCalculator.Digests digests) {
        return new StoredObject(
                storeId,
                location,
                size,
                digests.md5Hex(),
                digests.osHash().glanceName(),
                digests.osHashHex(),
                digests.signatureDigest());
    }

    @Override
    public Optional<byte[]> signatureDigest() {
        return signatureDigest.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredObject that
                && size == that.size
                && storeId.equals(that.storeId)
                && location.equals(that.location)
                && md5Hex.equals(that.md5Hex)
                && hashAlgo.equals(that.hashAlgo)
                && hashHex.equals(that.hashHex)
                && signatureDigest.isPresent() == that.signatureDigest.isPresent()
                && (signatureDigest.isEmpty() || Arrays.equals(signatureDigest.get(), that.signatureDigest.get()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                storeId,
                location,
                size,
                md5Hex,
                hashAlgo,
                hashHex,
                signatureDigest.map(Arrays::hashCode).orElse(0));
    }

    @Override
    public String toString() {
        return "StoredObject[storeId=" + storeId + ", location=" + location + ", size=" + size
                + ", md5Hex=" + md5Hex + ", hashAlgo=" + hashAlgo + ", hashHex=" + hashHex
                + ", signatureDigest=" + signatureDigest.map(HexFormat.of()::formatHex) + "]";
    }
}
