package io.glimpse.contracts.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * How a signature verification ended: {@code verified}, or the one reason it did not. Callers map
 * every value other than {@link #VERIFIED} to Glance's 400 "Signature verification failed"; the value
 * tells operators (and the {@code image.signature.failed} event) why.
 */
public enum VerificationOutcome {
    VERIFIED,
    /** The signature does not match the digest under the certificate's public key. */
    BAD_SIGNATURE,
    /** No certificate with this uuid is available to the image's project. */
    UNKNOWN_CERTIFICATE,
    /** The certificate's public key is not of the signature's key type (or curve). */
    KEY_TYPE_MISMATCH,
    /** The certificate's validity period has ended. */
    CERTIFICATE_EXPIRED,
    /** The certificate's validity period has not begun. */
    CERTIFICATE_NOT_YET_VALID,
    /** Trusted-CA enforcement is on and the certificate does not chain to a trusted CA (or may not sign). */
    UNTRUSTED_CERTIFICATE,
    /** The signature is not valid base64. */
    INVALID_BASE64,
    /** The digest is not valid base64 or not as long as the hash method's output. */
    INVALID_DIGEST,
    /** The hash method is not one of Glance's (SHA-224, SHA-256, SHA-384, SHA-512). */
    UNSUPPORTED_HASH_METHOD,
    /** The key type is not one Glimpse verifies. */
    UNSUPPORTED_KEY_TYPE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static VerificationOutcome fromWire(String value) {
        return WireEnums.parse(VerificationOutcome.class, value);
    }
}
