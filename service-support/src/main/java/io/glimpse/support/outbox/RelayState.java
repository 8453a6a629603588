package io.glimpse.support.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Kafka as the outbox relay last met it, for operators: a readiness detail ({@link OutboxHealthCheck}) and the
 * metrics {@code glimpse_outbox_kafka_available}, {@code glimpse_outbox_oldest_unsent_seconds} (the relay's lag),
 * {@code glimpse_outbox_published_total}, {@code glimpse_outbox_backlog} and {@code glimpse_outbox_set_aside}. Kafka being down never makes a service unready: its writes still
 * succeed and their events wait in the outbox.
 */
@ApplicationScoped
public class RelayState {
    private final Counter published;
    private volatile boolean kafkaAvailable = true;
    private volatile String lastFailure;
    private volatile OffsetDateTime oldestUnsent;
    private volatile long backlog;
    private volatile long setAside;

    public RelayState(MeterRegistry registry) {
        this.published = Counter.builder("glimpse.outbox.published")
                .description("Events Kafka acknowledged from this service's outbox")
                .register(registry);
        Gauge.builder("glimpse.outbox.kafka.available", this, state -> state.kafkaAvailable ? 1 : 0)
                .description("1 while the outbox relay's last publish attempt succeeded, 0 after it failed")
                .register(registry);
        Gauge.builder(
                        "glimpse.outbox.oldest.unsent.seconds",
                        this,
                        state -> state.oldestUnsentAge().toMillis() / 1000.0)
                .description("Age of the oldest event the relay has still to publish (0 when none waits)")
                .register(registry);
        Gauge.builder("glimpse.outbox.backlog", this, state -> state.backlog)
                .description("Events in this service's outbox still to publish (counted every 15 s)")
                .register(registry);
        Gauge.builder("glimpse.outbox.set.aside", this, state -> state.setAside)
                .description("Events Kafka refused for good, kept in the outbox with the reason (counted every 15 s)")
                .register(registry);
    }

    /** What the last count of the outbox found. */
    void backlog(long waiting, long refused) {
        backlog = waiting;
        setAside = refused;
    }

    /** A pass published {@code count} events and met no failure; {@code nextUnsent} is what still waits. */
    void published(int count, Optional<OffsetDateTime> nextUnsent) {
        published.increment(count);
        kafkaAvailable = true;
        lastFailure = null;
        oldestUnsent = nextUnsent.orElse(null);
    }

    /** Kafka refused or did not answer; {@code oldest} is the event that could not be published. */
    void failed(String failure, int publishedBefore, OffsetDateTime oldest) {
        published.increment(publishedBefore);
        kafkaAvailable = false;
        lastFailure = failure;
        oldestUnsent = oldest;
    }

    public boolean kafkaAvailable() {
        return kafkaAvailable;
    }

    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    public Duration oldestUnsentAge() {
        OffsetDateTime oldest = oldestUnsent;
        if (oldest == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(oldest, OffsetDateTime.now(ZoneOffset.UTC));
        return age.isNegative() ? Duration.ZERO : age;
    }
}
