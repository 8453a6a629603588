package io.glimpse.signature.mapping;

import io.glimpse.signature.domain.Certificate;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Barbican's JSON of a secret's metadata (never its payload), with {@code secret_ref} on the public endpoint. */
public final class SecretRepresentation {
    public static final String SECRETS_PATH = "/key-manager/v1/secrets";
    // Barbican prints naive UTC datetimes with microseconds, e.g. 2015-03-23T20:46:51.650515.
    private static final DateTimeFormatter BARBICAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private SecretRepresentation() {}

    public static String secretRef(String publicUrl, Certificate secret) {
        return publicUrl + SECRETS_PATH + "/" + secret.id;
    }

    public static Map<String, Object> of(String publicUrl, Certificate secret) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", "ACTIVE");
        json.put("created", time(secret.createdAt));
        json.put("updated", time(secret.updatedAt));
        json.put("expiration", secret.expiration == null ? null : time(secret.expiration));
        json.put("algorithm", secret.algorithm);
        json.put("bit_length", secret.bitLength);
        json.put("mode", secret.mode);
        json.put("name", secret.name);
        json.put("secret_ref", secretRef(publicUrl, secret));
        json.put("secret_type", "certificate");
        json.put("content_types", Map.of("default", secret.payloadContentType));
        json.put("creator_id", secret.creatorId);
        return json;
    }

    private static String time(OffsetDateTime value) {
        return value.withOffsetSameInstant(ZoneOffset.UTC).format(BARBICAN_TIME);
    }
}
