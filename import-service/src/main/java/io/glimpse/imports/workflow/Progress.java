package io.glimpse.imports.workflow;

import io.glimpse.contracts.event.ImportProgress;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far one import is, phase by phase and store by store, updated by the threads moving bytes and read by the
 * heartbeat that records it (and announces it) every couple of seconds.
 */
final class Progress {
    static final String PENDING = "pending";
    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String FAILED = "failed";
    static final String SKIPPED = "skipped";

    private final Meters meters;
    private final List<Phase> phases = new CopyOnWriteArrayList<>();
    private volatile String message = "Waiting for a worker";
    private volatile List<ImportProgress> lastRecorded = List.of();

    Progress(Meters meters) {
        this.meters = meters;
    }

    Phase phase(String name, String store, Long total) {
        Phase phase = new Phase(name, store, total, meters.phase(name, store));
        phases.add(phase);
        return phase;
    }

    void say(String words) {
        message = words;
    }

    String message() {
        return message;
    }

    List<ImportProgress> snapshot() {
        return phases.stream().map(Phase::snapshot).toList();
    }

    /** The snapshot when it changed since the last one recorded, else null. */
    List<ImportProgress> changedSinceRecorded() {
        List<ImportProgress> now = snapshot();
        return now.equals(lastRecorded) ? null : now;
    }

    void recorded(List<ImportProgress> snapshot) {
        lastRecorded = snapshot;
    }

    /** Where a phase's bytes and duration are counted for operators ({@link ImportMetrics}). */
    @FunctionalInterface
    interface Meters {
        ImportMetrics.PhaseMeter phase(String name, String store);
    }

    /** One phase (for one store, or none). */
    static final class Phase {
        private final String name;
        private final String store;
        private final Long total;
        private final ImportMetrics.PhaseMeter meter;
        private final AtomicLong done = new AtomicLong();
        private volatile String state = PENDING;
        private volatile long startedNanos;

        private Phase(String name, String store, Long total, ImportMetrics.PhaseMeter meter) {
            this.name = name;
            this.store = store;
            this.total = total;
            this.meter = meter;
        }

        void running() {
            state = RUNNING;
            startedNanos = System.nanoTime();
        }

        void add(long bytes) {
            done.addAndGet(bytes);
            meter.moved(bytes);
        }

        /** For a phase counted in units other than bytes read (conversion's percent). */
        void set(long value) {
            done.set(value);
        }

        void done() {
            if (total != null) {
                done.set(total);
            }
            state = DONE;
            measure(true);
        }

        void failed() {
            state = FAILED;
            measure(false);
        }

        /** A phase that ran here has a duration; one found done by an earlier attempt has none. */
        private void measure(boolean success) {
            long started = startedNanos;
            if (started != 0) {
                startedNanos = 0;
                meter.ended(success, Duration.ofNanos(System.nanoTime() - started));
            }
        }

        void skipped() {
            state = SKIPPED;
        }

        ImportProgress snapshot() {
            return new ImportProgress(name, store, state, done.get(), total);
        }
    }
}
