package io.glimpse.support.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Always UP: a service whose Kafka is down still serves every request, and the outbox exists exactly so that its
 * events wait for Kafka. Taking the service out of rotation would turn a delay of events into an outage of the
 * API. The data tells operators how Kafka looks from here and how far the events lag.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {
    private final RelayState state;

    public OutboxHealthCheck(RelayState state) {
        this.state = state;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox")
                .up()
                .withData("kafka", state.kafkaAvailable() ? "UP" : "DOWN")
                .withData("oldest_unsent_seconds", state.oldestUnsentAge().toSeconds());
        state.lastFailure().ifPresent(failure -> response.withData("last_failure", failure));
        return response.build();
    }
}
