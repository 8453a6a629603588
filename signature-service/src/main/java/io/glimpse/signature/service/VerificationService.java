package io.glimpse.signature.service;

import io.glimpse.contracts.internal.VerificationRequest;
import io.glimpse.contracts.model.VerificationOutcome;
import io.glimpse.signature.crypto.SignatureVerifier;
import io.glimpse.signature.crypto.SignedDigest;
import io.glimpse.signature.crypto.Verdict;
import io.glimpse.signature.crypto.VerificationFailure;
import io.glimpse.signature.crypto.X509Payloads;
import io.glimpse.signature.domain.Certificate;
import io.glimpse.signature.domain.SecretNotFoundException;
import io.glimpse.signature.domain.Verification;
import io.glimpse.signature.mapping.VerificationMapper;
import io.glimpse.signature.messaging.SignatureEvents;
import io.glimpse.signature.policy.SecretPolicy;
import io.glimpse.signature.repository.CertificateRepository;
import io.glimpse.signature.repository.VerificationRepository;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The "verify an image signature" use case, for catalog (upload) and import: judge the signature over
 * the digest the caller computed, then record the verification and its event in one transaction.
 * A signature that fails is an answer, not an error: only an incomplete request is rejected.
 */
@ApplicationScoped
public class VerificationService {
    private final SecretPolicy policy;
    private final CertificateRepository certificates;
    private final VerificationRepository verifications;
    private final SignatureVerifier verifier;
    private final SignatureEvents events;

    public VerificationService(
            SecretPolicy policy,
            CertificateRepository certificates,
            VerificationRepository verifications,
            SignatureVerifier verifier,
            SignatureEvents events) {
        this.policy = policy;
        this.certificates = certificates;
        this.verifications = verifications;
        this.verifier = verifier;
        this.events = events;
    }

    @WithTransaction
    public Uni<Verification> verify(Caller caller, VerificationRequest request) {
        policy.authorizeVerify(caller);
        VerificationMapper.requireComplete(request);
        Instant now = Instant.now();
        return judge(request, now).chain(verdict -> {
            Verification verification = newVerification(request, verdict, now);
            return verifications
                    .persist(verification)
                    .chain(saved -> verifications.nextEventSequence(saved.imageId))
                    .chain(sequence -> events.record(verification, sequence))
                    .replaceWith(verification);
        });
    }

    private Uni<Verdict> judge(VerificationRequest request, Instant now) {
        SignedDigest signed;
        try {
            signed = SignedDigest.parse(
                    request.hashMethod(), request.keyType(), request.signatureBase64(), request.digestBase64());
        } catch (VerificationFailure failure) {
            return Uni.createFrom().item(Verdict.of(failure));
        }
        return certificates
                .findAvailable(request.certificateUuid())
                .map(Optional::of)
                .onFailure(SecretNotFoundException.class)
                .recoverWithItem(Optional.empty())
                // Glance fetches the certificate with the uploader's credentials: another project's is unknown.
                .map(found -> found.filter(certificate -> certificate.owner.equals(request.projectId()))
                        .map(certificate -> judge(signed, certificate, now))
                        .orElseGet(() -> new Verdict(
                                VerificationOutcome.UNKNOWN_CERTIFICATE,
                                "no certificate " + request.certificateUuid() + " is available to project "
                                        + request.projectId())));
    }

    private Verdict judge(SignedDigest signed, Certificate certificate, Instant now) {
        List<X509Certificate> chain = X509Payloads.parse(certificate.payload)
                .orElseThrow(() ->
                        new IllegalStateException("stored certificate " + certificate.id + " is no longer readable"));
        try {
            verifier.verify(signed, chain, now);
            return Verdict.verified(
                    "the signature is valid (" + signed.keyType().glanceName() + ", "
                            + signed.hash().glanceName() + ", certificate " + certificate.id + ")");
        } catch (VerificationFailure failure) {
            return Verdict.of(failure);
        }
    }

    private static Verification newVerification(VerificationRequest request, Verdict verdict, Instant now) {
        Verification verification = new Verification();
        verification.id = UUID.randomUUID();
        verification.imageId = request.imageId();
        verification.certificateUuid = request.certificateUuid();
        verification.hashMethod = request.hashMethod();
        verification.keyType = request.keyType();
        verification.verified = verdict.verified();
        verification.outcome = verdict.outcome();
        verification.reason = verdict.reason();
        verification.projectId = request.projectId();
        verification.userId = request.userId();
        verification.requestId = request.requestId();
        verification.createdAt = now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        return verification;
    }
}
