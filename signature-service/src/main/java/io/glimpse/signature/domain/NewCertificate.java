package io.glimpse.signature.domain;

import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.Optional;

/** A validated store request: the payload as sent, its parsed signing certificate and Barbican's metadata. */
public record NewCertificate(
        Optional<String> name,
        byte[] payload,
        String payloadContentType,
        X509Certificate certificate,
        Optional<String> algorithm,
        Optional<Integer> bitLength,
        Optional<String> mode,
        Optional<OffsetDateTime> expiration) {}
