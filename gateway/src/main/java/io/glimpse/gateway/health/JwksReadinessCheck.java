package io.glimpse.gateway.health;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.security.SigningKeySource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/** Ready only while the identity provider's key set can be fetched: without it no new token verifies. */
@Readiness
@ApplicationScoped
public class JwksReadinessCheck implements AsyncHealthCheck {

    private final SigningKeySource source;
    private final Duration timeout;

    public JwksReadinessCheck(SigningKeySource source, GatewayConfig config) {
        this.source = source;
        this.timeout = config.health().probeTimeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom()
                .completionStage(() -> source.fetch(timeout).toCompletionStage())
                .map(keys -> HealthCheckResponse.named("jwks")
                        .up()
                        .withData("url", source.url())
                        .withData("keys", keys.size())
                        .build())
                .onFailure()
                .recoverWithItem(failure -> HealthCheckResponse.named("jwks")
                        .down()
                        .withData("url", source.url())
                        .withData("error", String.valueOf(failure.getMessage()))
                        .build());
    }
}
