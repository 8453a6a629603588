package io.glimpse.gateway.security;

import io.glimpse.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.lang.JoseException;

import java.time.Clock;
import java.time.Duration;

/**
 * Fetches the identity provider's key set with the non-blocking Vert.x client, so neither a slow
 * nor a dead Keycloak ever blocks an event loop.
 */
@ApplicationScoped
public class SigningKeySource {

    private final HttpClient client;
    private final String jwksUrl;
    private final Clock clock;

    public SigningKeySource(Vertx vertx, GatewayConfig config) {
        this.jwksUrl = config.security().jwksUrl().toString();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.security().jwksFetchTimeout().toMillis()));
        this.clock = Clock.systemUTC();
    }

    public String url() {
        return jwksUrl;
    }

    public Future<SigningKeys> fetch(Duration timeout) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(jwksUrl)
                .putHeader("Accept", "application/json")
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
        return client.request(request)
                .compose(req -> req.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture(
                                new IllegalStateException(jwksUrl + " answered " + response.statusCode())))
                .compose(body -> {
                    try {
                        SigningKeys keys = SigningKeys.parse(body.toString(), clock.instant());
                        return keys.isEmpty()
                                ? Future.failedFuture(new IllegalStateException(jwksUrl + " holds no signing key"))
                                : Future.succeededFuture(keys);
                    } catch (JoseException e) {
                        return Future.failedFuture(
                                new IllegalStateException(jwksUrl + " is not a JSON Web Key Set", e));
                    }
                });
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
