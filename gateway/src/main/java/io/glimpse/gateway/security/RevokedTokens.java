package io.glimpse.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.glimpse.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Tokens revoked through the identity endpoint ({@code DELETE /identity/v3/auth/tokens}), each
 * remembered until its own expiry, after which it is refused for that reason anyway. Kept in this
 * gateway's memory: see ADR 0005 for what that means with several gateway instances.
 */
@ApplicationScoped
public class RevokedTokens {

    private final Cache<String, Instant> revoked;
    private final VerifiedTokens verified;

    public RevokedTokens(VerifiedTokens verified, GatewayConfig config) {
        Clock clock = Clock.systemUTC();
        this.verified = verified;
        this.revoked = Caffeine.newBuilder()
                .maximumSize(config.security().verifiedTokenCacheSize())
                .expireAfter(Expiry.creating((String token, Instant expiresAt) -> {
                    Duration left = Duration.between(clock.instant(), expiresAt);
                    return left.isNegative() ? Duration.ZERO : left;
                }))
                .build();
    }

    /** From now on the caller's token is refused (401), also by {@link TokenVerifier}. */
    public void revoke(Caller caller) {
        revoked.put(caller.token(), caller.expiresAt());
        verified.forget(caller.token());
    }

    public boolean isRevoked(String token) {
        return revoked.getIfPresent(token) != null;
    }
}
