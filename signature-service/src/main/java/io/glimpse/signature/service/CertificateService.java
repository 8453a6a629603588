package io.glimpse.signature.service;

import io.glimpse.signature.domain.Certificate;
import io.glimpse.signature.domain.NewCertificate;
import io.glimpse.signature.policy.SecretPolicy;
import io.glimpse.signature.repository.CertificateRepository;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Certificate-store use cases (Barbican's secrets API, certificates only): each authorizes first. */
@ApplicationScoped
public class CertificateService {
    private final CertificateRepository certificates;
    private final SecretPolicy policy;

    public CertificateService(CertificateRepository certificates, SecretPolicy policy) {
        this.certificates = certificates;
        this.policy = policy;
    }

    /** One page of the secrets a caller may list, and how many there are in all. */
    public record Page(List<Certificate> secrets, long total) {}

    @WithTransaction
    public Uni<Certificate> store(Caller caller, NewCertificate request) {
        policy.authorizeStore(caller);
        return certificates.persist(newCertificate(caller, request));
    }

    @WithSession
    public Uni<Certificate> show(Caller caller, String id) {
        return certificates.findAvailable(id).invoke(secret -> policy.authorizeRead(caller, secret));
    }

    @WithSession
    public Uni<Page> list(Caller caller, Optional<String> name, int offset, int limit) {
        Optional<String> owner = policy.authorizeList(caller);
        return certificates
                .count(owner, name)
                .chain(total -> certificates.page(owner, name, offset, limit).map(secrets -> new Page(secrets, total)));
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, String id) {
        return certificates
                .findAvailable(id)
                .invoke(secret -> policy.authorizeDelete(caller, secret))
                .chain(certificates::delete);
    }

    private static Certificate newCertificate(Caller caller, NewCertificate request) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        X509Certificate x509 = request.certificate();
        Certificate certificate = new Certificate();
        certificate.id = UUID.randomUUID();
        certificate.owner = caller.projectId();
        certificate.creatorId = caller.userId();
        certificate.name = request.name().orElse(null);
        certificate.payload = request.payload();
        certificate.payloadContentType = request.payloadContentType();
        certificate.algorithm = request.algorithm().orElse(null);
        certificate.bitLength = request.bitLength().orElse(null);
        certificate.mode = request.mode().orElse(null);
        certificate.expiration = request.expiration().orElse(null);
        certificate.subject = x509.getSubjectX500Principal().getName();
        certificate.keyAlgorithm = x509.getPublicKey().getAlgorithm();
        certificate.notBefore = x509.getNotBefore().toInstant().atOffset(ZoneOffset.UTC);
        certificate.notAfter = x509.getNotAfter().toInstant().atOffset(ZoneOffset.UTC);
        certificate.createdAt = now;
        certificate.updatedAt = now;
        return certificate;
    }
}
