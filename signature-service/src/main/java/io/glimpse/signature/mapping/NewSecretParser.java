package io.glimpse.signature.mapping;

import io.glimpse.signature.config.SignatureConfig;
import io.glimpse.signature.crypto.X509Payloads;
import io.glimpse.signature.domain.NewCertificate;
import io.glimpse.support.error.GlimpseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the body of {@code POST /key-manager/v1/secrets} into a {@link NewCertificate}, the way
 * python-barbicanclient and {@code openstack secret store} send it: a DER (or PEM) certificate as
 * base64 with {@code application/octet-stream}, or PEM text with {@code text/plain}. Only certificates
 * are kept here, and only parsable X.509 ones.
 */
@ApplicationScoped
public class NewSecretParser {
    static final String OCTET_STREAM = "application/octet-stream";
    static final String TEXT_PLAIN = "text/plain";

    private final SignatureConfig config;

    public NewSecretParser(SignatureConfig config) {
        this.config = config;
    }

    public NewCertificate parse(Object body) {
        if (!(body instanceof Map<?, ?> raw)) {
            throw new GlimpseException.BadRequest("A JSON object is expected in the request body.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) raw;
        String secretType = optionalString(fields, "secret_type").orElse("opaque");
        if (!secretType.equals("certificate")) {
            throw new GlimpseException.BadRequest("Only secret_type 'certificate' can be stored here (got '"
                    + secretType + "'): this key manager keeps the X.509 certificates of image signing.");
        }
        String payload = optionalString(fields, "payload")
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> new GlimpseException.BadRequest("'payload' is required and must not be empty."));
        String contentType = contentType(fields);
        byte[] bytes = decode(payload, contentType, optionalString(fields, "payload_content_encoding"));
        if (bytes.length > config.maxCertificateBytes()) {
            throw new GlimpseException.TooLarge("Could not add secret data as it was too large (more than "
                    + config.maxCertificateBytes() + " bytes).");
        }
        List<X509Certificate> certificates = X509Payloads.parse(bytes)
                .orElseThrow(() ->
                        new GlimpseException.BadRequest("The payload is not a valid X.509 certificate (DER or PEM)."));
        return new NewCertificate(
                boundedString(fields, "name"),
                bytes,
                contentType,
                certificates.get(0),
                boundedString(fields, "algorithm"),
                bitLength(fields.get("bit_length")),
                boundedString(fields, "mode"),
                expiration(fields));
    }

    private static String contentType(Map<String, Object> fields) {
        String declared = optionalString(fields, "payload_content_type")
                .orElseThrow(() ->
                        new GlimpseException.BadRequest("'payload_content_type' is required when a payload is given."));
        // Barbican normalises "text/plain;charset=utf-8" (and spacing or case) to text/plain.
        String type = declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals(OCTET_STREAM) && !type.equals(TEXT_PLAIN)) {
            throw new GlimpseException.BadRequest("'payload_content_type' must be application/octet-stream or "
                    + "text/plain, not '" + declared + "'.");
        }
        return type;
    }

    private static byte[] decode(String payload, String contentType, Optional<String> encoding) {
        if (contentType.equals(TEXT_PLAIN)) {
            if (encoding.isPresent()) {
                throw new GlimpseException.BadRequest("'payload_content_encoding' is not allowed with text/plain.");
            }
            return payload.getBytes(StandardCharsets.UTF_8);
        }
        if (!encoding.map(value -> value.equalsIgnoreCase("base64")).orElse(false)) {
            throw new GlimpseException.BadRequest(
                    "'payload_content_encoding' must be base64 with application/octet-stream.");
        }
        try {
            return Base64.getMimeDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new GlimpseException.BadRequest("The payload is not valid base64.");
        }
    }

    private static Optional<Integer> bitLength(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Integer bits) || bits <= 0) {
            throw new GlimpseException.BadRequest("'bit_length' must be a positive integer.");
        }
        return Optional.of(bits);
    }

    private static Optional<OffsetDateTime> expiration(Map<String, Object> fields) {
        Optional<OffsetDateTime> expiration = optionalString(fields, "expiration")
                .map(value -> {
                    try {
                        return OffsetDateTime.parse(value);
                    } catch (DateTimeParseException withoutOffset) {
                        try {
                            // Barbican's own examples carry no offset: that means UTC.
                            return LocalDateTime.parse(value).atOffset(ZoneOffset.UTC);
                        } catch (DateTimeParseException e) {
                            throw new GlimpseException.BadRequest("'expiration' must be an ISO 8601 timestamp.");
                        }
                    }
                });
        if (expiration.isPresent() && !expiration.get().isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new GlimpseException.BadRequest("'expiration' is before current time.");
        }
        return expiration.map(value -> value.withOffsetSameInstant(ZoneOffset.UTC));
    }

    private static Optional<String> boundedString(Map<String, Object> fields, String key) {
        Optional<String> value = optionalString(fields, key);
        if (value.isPresent() && value.get().length() > 255) {
            throw new GlimpseException.BadRequest("'" + key + "' is longer than 255 characters.");
        }
        return value;
    }

    private static Optional<String> optionalString(Map<String, Object> fields, String key) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new GlimpseException.BadRequest("'" + key + "' must be a string.");
        }
        return Optional.of(text);
    }
}
