package io.glimpse.signature.crypto;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the X.509 certificates of a stored payload: DER, or PEM with one or more certificates. */
public final class X509Payloads {

    private X509Payloads() {}

    /** @return the certificates, the signing one first; empty when the payload is not X.509 */
    public static Optional<List<X509Certificate>> parse(byte[] payload) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(payload))
                    .forEach(certificate -> certificates.add((X509Certificate) certificate));
            return certificates.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(certificates));
        } catch (CertificateException | RuntimeException e) {
            // The JDK's parser throws CertificateException for garbage, sometimes runtime exceptions for odd DER.
            return Optional.empty();
        }
    }
}
