package io.glimpse.gateway.support;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Tokens the tests make themselves, shaped like Keycloak's, for what real tokens cannot show:
 * expiry, a foreign issuer or audience, a missing project, a rotated key, a forgery.
 */
public final class TestTokens {

    public static final String ISSUER = "http://127.0.0.1:8180/realms/glimpse";

    private TestTokens() {}

    /** Claims like alice's: project-a, member and reader, valid for five minutes. */
    public static JwtClaims aliceLike() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience("glimpse");
        claims.setSubject("test-user-id");
        claims.setClaim("preferred_username", "test-user");
        claims.setClaim("project_id", "project-a");
        claims.setClaim("realm_access", Map.of("roles", List.of("member", "reader")));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        return claims;
    }

    public static String sign(TestKeys key, Consumer<JwtClaims> change) {
        return sign(key, key.keyId(), change);
    }

    /** Signed with {@code key} but naming {@code keyId}, e.g. Keycloak's, to forge a token. */
    public static String sign(TestKeys key, String keyId, Consumer<JwtClaims> change) {
        JwtClaims claims = aliceLike();
        change.accept(claims);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.jwk().getPrivateKey());
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static NumericDate secondsFromNow(long seconds) {
        NumericDate date = NumericDate.now();
        date.addSeconds(seconds);
        return date;
    }

    /** The key id in a token's header. */
    public static String keyIdOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return new io.vertx.core.json.JsonObject(header).getString("kid");
    }

    /** The token with its payload replaced by {@code changed(payload)}, signature kept: a tampered token. */
    public static String tamper(String token, java.util.function.UnaryOperator<String> changed) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(changed.apply(payload).getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + forged + "." + parts[2];
    }
}
