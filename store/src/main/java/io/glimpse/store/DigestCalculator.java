package io.glimpse.store;

import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds each chunk to every digest a {@link DigestSpec} asks for. An algorithm asked for twice
 * (e.g. a SHA-512 signature over a SHA-512 {@code os_hash}) is computed once.
 */
final class DigestCalculator {

  /** Result of one pass. */
  record Digests(String md5Hex, HashAlgorithm osHash, String osHashHex,
      Optional<byte[]> signatureDigest) {}

  private final DigestSpec spec;
  private final Map<HashAlgorithm, MessageDigest> digests = new EnumMap<>(HashAlgorithm.class);

  DigestCalculator(DigestSpec spec) {
    this.spec = spec;
    digests.put(HashAlgorithm.MD5, HashAlgorithm.MD5.newDigest());
    digests.computeIfAbsent(spec.osHash(), HashAlgorithm::newDigest);
    spec.signatureHash().ifPresent(algorithm ->
        digests.computeIfAbsent(algorithm, HashAlgorithm::newDigest));
  }

  void update(byte[] buffer, int offset, int length) {
    for (MessageDigest digest : digests.values()) {
      digest.update(buffer, offset, length);
    }
  }

  /** Completes every digest; the calculator must not be used afterwards. */
  Digests finish() {
    Map<HashAlgorithm, byte[]> results = new EnumMap<>(HashAlgorithm.class);
    digests.forEach((algorithm, digest) -> results.put(algorithm, digest.digest()));
    HexFormat hex = HexFormat.of();
    return new Digests(
        hex.formatHex(results.get(HashAlgorithm.MD5)),
        spec.osHash(),
        hex.formatHex(results.get(spec.osHash())),
        spec.signatureHash().map(results::get));
  }
}
