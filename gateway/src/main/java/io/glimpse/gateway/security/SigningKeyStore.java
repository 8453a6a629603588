package io.glimpse.gateway.security;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.config.SecurityConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The current signing keys. Fetched at start-up (without holding start-up back), again in the
 * background when older than {@code jwks-max-age}, and on demand when a token names an unknown key
 * id (a rotation), at most once per {@code jwks-refresh-min-interval}. Concurrent demands share
 * one fetch. A failed fetch keeps the previous keys.
 */
@ApplicationScoped
public class SigningKeyStore {

    private static final Logger LOG = Logger.getLogger(SigningKeyStore.class);

    private final SigningKeySource source;
    private final Duration minInterval;
    private final Duration maxAge;
    private final Duration fetchTimeout;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<SigningKeys> current = new AtomicReference<>(SigningKeys.NONE);
    private final AtomicReference<Future<SigningKeys>> inFlight = new AtomicReference<>();
    private final AtomicReference<Instant> lastAttempt = new AtomicReference<>(Instant.EPOCH);
    private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();

    public SigningKeyStore(SigningKeySource source, GatewayConfig config) {
        SecurityConfig security = config.security();
        this.source = source;
        this.minInterval = security.jwksRefreshMinInterval();
        this.maxAge = security.jwksMaxAge();
        this.fetchTimeout = security.jwksFetchTimeout();
    }

    void prefetch(@Observes StartupEvent ignored) {
        refresh();
    }

    public SigningKeys current() {
        SigningKeys keys = current.get();
        if (!keys.isEmpty() && keys.fetchedAt().plus(maxAge).isBefore(clock.instant())) {
            refreshUnlessRecent();
        }
        return keys;
    }

    /**
     * Keys that may include one the caller has not seen: a fresh fetch unless one happened within
     * the minimum interval, in which case the current keys.
     */
    public Future<SigningKeys> refreshUnlessRecent() {
        Future<SigningKeys> running = inFlight.get();
        if (running != null) {
            return running;
        }
        // Also while there are no keys at all: an unreachable Keycloak must not get one attempt per request.
        if (lastAttempt.get().plus(minInterval).isAfter(clock.instant())) {
            return Future.succeededFuture(current.get());
        }
        return refresh();
    }

    /** Why the last fetch failed, if it did; for the failure message when there are no keys at all. */
    public Throwable lastFailure() {
        Throwable failure = lastFailure.get();
        return failure != null ? failure : new IllegalStateException("no signing keys fetched yet");
    }

    private Future<SigningKeys> refresh() {
        Promise<SigningKeys> promise = Promise.promise();
        Future<SigningKeys> mine = promise.future();
        Future<SigningKeys> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        lastAttempt.set(clock.instant());
        source.fetch(fetchTimeout).onComplete(result -> {
            if (result.succeeded()) {
                SigningKeys keys = result.result();
                current.set(keys);
                lastFailure.set(null);
                LOG.debugf(
                        "Fetched %d signing key(s) %s from %s",
                        keys.size(), keys.byKeyId().keySet(), source.url());
            } else {
                lastFailure.set(result.cause());
                LOG.warnf(
                        "Cannot fetch signing keys from %s: %s",
                        source.url(), result.cause().getMessage());
            }
            inFlight.set(null);
            promise.complete(current.get());
        });
        return mine;
    }
}
