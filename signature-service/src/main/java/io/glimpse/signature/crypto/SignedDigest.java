package io.glimpse.signature.crypto;

import io.glimpse.contracts.model.VerificationOutcome;

import java.util.Base64;
import java.util.Optional;

/** A signature over a digest, with the hash and key type the image's properties name; parsed up front. */
public record SignedDigest(HashMethod hash, SignatureKeyType keyType, byte[] digest, byte[] signature) {

    /**
     * Checks the values the way cursive does before it touches a certificate.
     *
     * @throws VerificationFailure for an unsupported hash method or key type, or bad base64
     */
    public static SignedDigest parse(String hashMethod, String keyType, String signatureBase64, String digestBase64) {
        HashMethod hash = HashMethod.fromGlanceName(hashMethod)
                .orElseThrow(() -> new VerificationFailure(
                        VerificationOutcome.UNSUPPORTED_HASH_METHOD,
                        "Invalid signature hash method: " + hashMethod
                                + " (supported: SHA-224, SHA-256, SHA-384, SHA-512)"));
        SignatureKeyType type = SignatureKeyType.fromGlanceName(keyType)
                .orElseThrow(() -> new VerificationFailure(
                        VerificationOutcome.UNSUPPORTED_KEY_TYPE,
                        "Invalid signature key type: " + keyType
                                + " (supported: RSA-PSS, DSA, ECC_SECP384R1, ECC_SECP521R1)"));
        byte[] signature = base64(signatureBase64)
                .orElseThrow(() -> new VerificationFailure(
                        VerificationOutcome.INVALID_BASE64, "The signature (img_signature) is not valid base64"));
        if (signature.length == 0) {
            throw new VerificationFailure(VerificationOutcome.INVALID_BASE64, "The signature (img_signature) is empty");
        }
        byte[] digest = base64(digestBase64)
                .orElseThrow(() ->
                        new VerificationFailure(VerificationOutcome.INVALID_DIGEST, "The digest is not valid base64"));
        if (digest.length != hash.digestLength()) {
            throw new VerificationFailure(
                    VerificationOutcome.INVALID_DIGEST,
                    "The digest has " + digest.length + " bytes; a " + hash.glanceName() + " digest has "
                            + hash.digestLength());
        }
        return new SignedDigest(hash, type, digest, signature);
    }

    private static Optional<byte[]> base64(String value) {
        try {
            // The MIME decoder would skip garbage; the basic one rejects it. Line breaks are tolerated.
            return Optional.of(Base64.getDecoder().decode(value.replaceAll("\\s", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
