package io.glimpse.gateway.security;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;

/** Who is calling, from the request headers: a {@link Caller}, or a failed future with the 401 to send. */
@ApplicationScoped
public class Authenticator {

    private final TokenVerifier verifier;

    public Authenticator(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    public Future<Caller> authenticate(MultiMap headers) {
        return TokenExtractor.from(headers)
                .map(verifier::verify)
                .orElseGet(() -> Future.failedFuture(verifier.reject(TokenRejection.MISSING)));
    }
}
