package io.glimpse.signature.crypto;

import io.glimpse.contracts.model.VerificationOutcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Verifies a {@link SignedDigest} against a stored certificate, in cursive's order and then some:
 * the key must match the key type, the certificate must be within its validity period, chain to a
 * trusted CA when the operator enforces it, and the signature must verify over the digest.
 */
@ApplicationScoped
public class SignatureVerifier {
    private final TrustedAuthorities authorities;

    public SignatureVerifier(TrustedAuthorities authorities) {
        this.authorities = authorities;
    }

    /**
     * @param chain the signing certificate first, then any certificates stored with it
     * @throws VerificationFailure with the first reason the signature is not accepted
     */
    public void verify(SignedDigest signed, List<X509Certificate> chain, Instant now) {
        X509Certificate certificate = chain.get(0);
        signed.keyType().mismatch(certificate.getPublicKey()).ifPresent(reason -> {
            throw new VerificationFailure(VerificationOutcome.KEY_TYPE_MISMATCH, reason);
        });
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new VerificationFailure(
                    VerificationOutcome.CERTIFICATE_EXPIRED,
                    "the certificate expired on " + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new VerificationFailure(
                    VerificationOutcome.CERTIFICATE_NOT_YET_VALID,
                    "the certificate is not valid before "
                            + certificate.getNotBefore().toInstant());
        }
        authorities.checkTrusted(chain);
        if (!verifierFor(signed.keyType())
                .verify(certificate.getPublicKey(), signed.hash(), signed.digest(), signed.signature())) {
            throw new VerificationFailure(
                    VerificationOutcome.BAD_SIGNATURE,
                    "the signature does not match the image data ("
                            + signed.keyType().glanceName() + ", "
                            + signed.hash().glanceName() + ")");
        }
    }

    static DigestVerifier verifierFor(SignatureKeyType keyType) {
        return switch (keyType) {
            case RSA_PSS -> new RsaPssDigestVerifier();
            case DSA -> new DsaDigestVerifier();
            case ECC_SECP384R1, ECC_SECP521R1 -> new EcdsaDigestVerifier();
        };
    }
}
