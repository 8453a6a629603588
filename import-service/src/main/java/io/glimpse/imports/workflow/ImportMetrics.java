package io.glimpse.imports.workflow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * What operators graph and alert on about imports, on this instance's {@code /q/metrics} (Prometheus names):
 *
 * <ul>
 *   <li>{@code glimpse_imports_started_total{method}}: imports whose first attempt began here;
 *   <li>{@code glimpse_imports_resumed_total{method}}: later attempts that took over an import (after a crash or a
 *       lost lease) here;
 *   <li>{@code glimpse_imports_finished_total{method,outcome}}: imports that ended here, {@code success} or
 *       {@code failure} (a deleted image's import counts as a failure);
 *   <li>{@code glimpse_import_stores_total{method,store,outcome}}: target stores written or failed;
 *   <li>{@code glimpse_import_bytes_total{method,phase,store}}: bytes moved by each phase (download, inspect, verify,
 *       decompress, store), while they move;
 *   <li>{@code glimpse_import_phase_duration_seconds{method,phase,outcome}}: a histogram per phase;
 *   <li>{@code glimpse_import_duration_seconds{method,outcome}}: a histogram of whole attempts;
 *   <li>{@code glimpse_imports_in_flight}: imports running on this instance now.
 * </ul>
 *
 * Counts are per instance: Prometheus sums them over the instances.
 */
@ApplicationScoped
public class ImportMetrics {
    static final String NONE = "none";
    private static final Duration SHORTEST = Duration.ofMillis(50);
    private static final Duration LONGEST = Duration.ofHours(2);

    private final MeterRegistry registry;

    public ImportMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The number of imports running here, read whenever Prometheus scrapes. */
    void inFlight(Supplier<Number> running) {
        Gauge.builder("glimpse.imports.in.flight", running)
                .description("Imports running on this instance now")
                .register(registry);
    }

    /** An attempt began: the first one of an import, or a later one resuming it. */
    void attemptStarted(String method, long attempt) {
        Counter.builder(attempt <= 1 ? "glimpse.imports.started" : "glimpse.imports.resumed")
                .description(
                        attempt <= 1
                                ? "Imports whose first attempt began on this instance"
                                : "Imports a later attempt took over on this instance (after a crash or a lost lease)")
                .tag("method", tagValue(method))
                .register(registry)
                .increment();
    }

    /** The import ended: the image active (success) or reverted, or gone with its image (failure). */
    void finished(String method, boolean success, Duration took) {
        String outcome = outcome(success);
        Counter.builder("glimpse.imports.finished")
                .description("Imports that ended on this instance")
                .tag("method", tagValue(method))
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Timer.builder("glimpse.import.duration")
                .description("How long an import's attempt took, from its start to its end")
                .tag("method", tagValue(method))
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(SHORTEST)
                .maximumExpectedValue(LONGEST)
                .register(registry)
                .record(took);
    }

    /** One target store was written and registered, or failed. */
    void storeEnded(String method, String store, boolean success) {
        Counter.builder("glimpse.import.stores")
                .description("Target stores an import wrote (success) or could not write (failure)")
                .tag("method", tagValue(method))
                .tag("store", tagValue(store))
                .tag("outcome", outcome(success))
                .register(registry)
                .increment();
    }

    /** The meters of one phase of one import. */
    PhaseMeter phase(String method, String phase, String store) {
        Counter bytes = Counter.builder("glimpse.import.bytes")
                .description("Bytes import phases moved (read from staging or the network, written to a store)")
                .baseUnit("bytes")
                .tag("method", tagValue(method))
                .tag("phase", phase)
                .tag("store", tagValue(store))
                .register(registry);
        return new PhaseMeter(bytes, method, phase);
    }

    /** Bytes as a phase moves them, and its duration when it ends. */
    final class PhaseMeter {
        private final Counter bytes;
        private final String method;
        private final String phase;

        private PhaseMeter(Counter bytes, String method, String phase) {
            this.bytes = bytes;
            this.method = method;
            this.phase = phase;
        }

        void moved(long count) {
            bytes.increment(count);
        }

        void ended(boolean success, Duration took) {
            Timer.builder("glimpse.import.phase.duration")
                    .description("How long one phase of an import took (download, inspect, verify, convert, store...)")
                    .tag("method", tagValue(method))
                    .tag("phase", phase)
                    .tag("outcome", outcome(success))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(SHORTEST)
                    .maximumExpectedValue(LONGEST)
                    .register(registry)
                    .record(took);
        }
    }

    private static String outcome(boolean success) {
        return success ? "success" : "failure";
    }

    private static String tagValue(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }
}
