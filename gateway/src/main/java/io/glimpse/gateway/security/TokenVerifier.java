package io.glimpse.gateway.security;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.config.SecurityConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Verifies a bearer token: RS/PS/ES signature against the identity provider's keys, {@code exp}
 * (required), {@code nbf}, the issuer and the audience. Only key fetching is I/O, done with the
 * non-blocking client; the signature check is a few tens of microseconds of CPU and runs only once
 * per token thanks to {@link VerifiedTokens}.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);
    private static final Set<String> SIGNATURE_ALGORITHMS =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
    private static final AlgorithmConstraints PERMITTED_ALGORITHMS = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, SIGNATURE_ALGORITHMS.toArray(String[]::new));

    /** Reads the header and claims without checking anything, to learn the key id first. */
    private static final JwtConsumer UNVERIFIED = new JwtConsumerBuilder()
            .setSkipAllValidators()
            .setDisableRequireSignature()
            .setSkipSignatureVerification()
            .build();

    private final SigningKeyStore keys;
    private final VerifiedTokens verified;
    private final RevokedTokens revoked;
    private final String issuer;
    private final String audience;
    private final int clockSkewSeconds;
    private final String authUri;

    public TokenVerifier(SigningKeyStore keys, VerifiedTokens verified, RevokedTokens revoked, GatewayConfig config) {
        SecurityConfig security = config.security();
        this.keys = keys;
        this.verified = verified;
        this.revoked = revoked;
        this.issuer = security.issuer();
        this.audience = security.audience();
        this.clockSkewSeconds = (int) security.clockSkew().toSeconds();
        this.authUri = security.authUri().map(Object::toString).orElse(security.issuer());
    }

    /** The caller the token proves, completed on the calling context; or an {@link AuthenticationFailedException}. */
    public Future<Caller> verify(String token) {
        if (revoked.isRevoked(token)) {
            return Future.failedFuture(reject(TokenRejection.REVOKED));
        }
        Optional<Caller> known = verified.find(token);
        if (known.isPresent()) {
            return Future.succeededFuture(known.get());
        }
        JwtContext parsed;
        try {
            parsed = UNVERIFIED.process(token);
        } catch (InvalidJwtException e) {
            return Future.failedFuture(reject(TokenRejection.MALFORMED, e));
        }
        JsonWebStructure jose = parsed.getJoseObjects().getFirst();
        if (!(jose instanceof JsonWebSignature) || !SIGNATURE_ALGORITHMS.contains(jose.getAlgorithmHeaderValue())) {
            // Unsigned ("alg": "none"), HMAC or encrypted: nothing a key set could verify, so no fetch.
            return Future.failedFuture(reject(
                    TokenRejection.SIGNATURE,
                    new IllegalArgumentException("algorithm " + jose.getAlgorithmHeaderValue())));
        }
        Optional<String> keyId = Optional.ofNullable(jose.getKeyIdHeaderValue());
        SigningKeys current = keys.current();
        Optional<PublicJsonWebKey> key = current.find(keyId);
        if (key.isPresent()) {
            return settle(() -> check(token, parsed, key.get()));
        }
        // An unknown key id: maybe the provider rotated its keys. Fetch them (rate-limited), then
        // come back to the request's own context before continuing.
        Context requestContext = Vertx.currentContext();
        Promise<Caller> result = Promise.promise();
        keys.refreshUnlessRecent().onComplete(refreshed -> {
            Runnable finish = () ->
                    settle(() -> checkWithRefreshedKeys(token, parsed, keyId)).onComplete(result);
            if (requestContext == null || Vertx.currentContext() == requestContext) {
                finish.run();
            } else {
                requestContext.runOnContext(ignored -> finish.run());
            }
        });
        return result.future();
    }

    private Caller checkWithRefreshedKeys(String token, JwtContext parsed, Optional<String> keyId) {
        SigningKeys refreshed = keys.current();
        if (refreshed.isEmpty()) {
            throw new KeysUnavailableException(keys.lastFailure());
        }
        PublicJsonWebKey key = refreshed
                .find(keyId)
                .orElseThrow(() -> reject(
                        TokenRejection.SIGNATURE,
                        new IllegalArgumentException("no signing key with kid " + keyId.orElse("(none)"))));
        return check(token, parsed, key);
    }

    private Caller check(String token, JwtContext parsed, PublicJsonWebKey key) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key.getPublicKey())
                .setJwsAlgorithmConstraints(PERMITTED_ALGORITHMS)
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(clockSkewSeconds)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .build();
        try {
            consumer.processContext(parsed);
            Caller caller = toCaller(token, parsed.getJwtClaims());
            verified.remember(caller);
            return caller;
        } catch (InvalidJwtException e) {
            throw reject(reasonOf(e), e);
        } catch (MalformedClaimException | ClassCastException e) {
            throw reject(TokenRejection.MALFORMED, e);
        }
    }

    private static Caller toCaller(String token, JwtClaims claims) throws MalformedClaimException {
        Optional<String> userName = Optional.ofNullable(claims.getStringClaimValue("preferred_username"));
        String userId = Optional.ofNullable(claims.getSubject())
                .or(() -> userName)
                .orElseThrow(() -> new MalformedClaimException("the token names no user (sub)"));
        Optional<String> project =
                Optional.ofNullable(claims.getStringClaimValue("project_id")).filter(p -> !p.isBlank());
        Instant expiresAt = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
        return new Caller(token, userId, userName, project, realmRoles(claims), expiresAt);
    }

    /** {@code realm_access.roles}, lower-cased (Glance lower-cases roles). */
    private static Set<String> realmRoles(JwtClaims claims) {
        Set<String> roles = new LinkedHashSet<>();
        if (claims.getClaimValue("realm_access") instanceof Map<?, ?> realmAccess
                && realmAccess.get("roles") instanceof Collection<?> names) {
            for (Object name : names) {
                if (name instanceof String role && !role.isBlank()) {
                    roles.add(role.toLowerCase(Locale.ROOT));
                }
            }
        }
        return Set.copyOf(roles);
    }

    private static TokenRejection reasonOf(InvalidJwtException e) {
        if (e.hasExpired()) {
            return TokenRejection.EXPIRED;
        }
        List<Map.Entry<Integer, TokenRejection>> byCode = List.of(
                Map.entry(ErrorCodes.SIGNATURE_INVALID, TokenRejection.SIGNATURE),
                Map.entry(ErrorCodes.SIGNATURE_MISSING, TokenRejection.SIGNATURE),
                Map.entry(ErrorCodes.ISSUER_INVALID, TokenRejection.ISSUER),
                Map.entry(ErrorCodes.ISSUER_MISSING, TokenRejection.ISSUER),
                Map.entry(ErrorCodes.AUDIENCE_INVALID, TokenRejection.AUDIENCE),
                Map.entry(ErrorCodes.AUDIENCE_MISSING, TokenRejection.AUDIENCE),
                Map.entry(ErrorCodes.NOT_YET_VALID, TokenRejection.NOT_YET_VALID),
                Map.entry(ErrorCodes.EXPIRATION_MISSING, TokenRejection.MALFORMED),
                Map.entry(ErrorCodes.MALFORMED_CLAIM, TokenRejection.MALFORMED),
                Map.entry(ErrorCodes.JSON_INVALID, TokenRejection.MALFORMED));
        return byCode.stream()
                .filter(entry -> e.hasErrorCode(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(TokenRejection.INVALID);
    }

    AuthenticationFailedException reject(TokenRejection reason) {
        return new AuthenticationFailedException(reason, authUri);
    }

    private AuthenticationFailedException reject(TokenRejection reason, Throwable detail) {
        LOG.debugf("Token rejected (%s): %s", reason, detail.getMessage());
        return reject(reason);
    }

    private static Future<Caller> settle(Supplier<Caller> check) {
        try {
            return Future.succeededFuture(check.get());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
