package io.glimpse.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.glimpse.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Tokens already verified, keyed by the token string, each kept until its own {@code exp}: a
 * client reusing its token (they all do) costs a map lookup instead of a signature check.
 */
@ApplicationScoped
public class VerifiedTokens {

    private final Cache<String, Caller> cache;

    public VerifiedTokens(GatewayConfig config) {
        Clock clock = Clock.systemUTC();
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.security().verifiedTokenCacheSize())
                .expireAfter(Expiry.creating((String token, Caller caller) -> {
                    Duration left = Duration.between(clock.instant(), caller.expiresAt());
                    return left.isNegative() ? Duration.ZERO : left;
                }))
                .build();
    }

    public Optional<Caller> find(String token) {
        return Optional.ofNullable(cache.getIfPresent(token));
    }

    public void remember(Caller caller) {
        cache.put(caller.token(), caller);
    }

    public void forget(String token) {
        cache.invalidate(token);
    }
}
