package io.glimpse.gateway.identity;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * What a Keystone token body shows beyond the verified caller: when the token was issued, its audit
 * id, and the application credential it came from. Read from a token the gateway has already
 * verified, so the payload is decoded without a second signature check.
 *
 * @param issuedAt              {@code iat}
 * @param auditId               a stable, non-secret id of the token (Keystone's {@code audit_ids}): 22
 *                              base64url characters of the SHA-256 of its {@code jti}
 * @param applicationCredential the {@code application_credential} claim ({@code id}, {@code name},
 *                              {@code restricted}) that the clients behind application credentials add
 */
record TokenClaims(Instant issuedAt, String auditId, Optional<ApplicationCredentialRef> applicationCredential) {

    static final String APPLICATION_CREDENTIAL_CLAIM = "application_credential";

    /** The application credential a token was issued for, as Keystone's token body shows it. */
    record ApplicationCredentialRef(String id, String name, boolean restricted) {}

    static TokenClaims of(String verifiedToken) {
        String[] parts = verifiedToken.split("\\.");
        JsonObject payload;
        try {
            payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | DecodeException e) {
            throw new IllegalStateException("a verified token without a readable payload", e);
        }
        Instant issuedAt = Instant.ofEpochSecond(payload.getLong("iat", 0L));
        String tokenId = payload.getString("jti", verifiedToken);
        Optional<ApplicationCredentialRef> credential = Optional.ofNullable(
                        payload.getValue(APPLICATION_CREDENTIAL_CLAIM) instanceof JsonObject ref ? ref : null)
                .filter(ref -> ref.getString("id") != null)
                .map(ref -> new ApplicationCredentialRef(
                        ref.getString("id"), ref.getString("name", ""), ref.getBoolean("restricted", true)));
        return new TokenClaims(issuedAt, auditId(tokenId), credential);
    }

    private static String auditId(String tokenId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tokenId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
