package io.glimpse.imports.service;

import io.glimpse.imports.config.ImportConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renews the leases of the stages and imports running here, every heartbeat, on threads of their own (a stage's or
 * an import's own thread is busy moving bytes). A renewal that throws is logged and tried again at the next beat; a
 * lease that runs out anyway is taken over elsewhere, which the holder learns at its next renewal.
 */
@ApplicationScoped
public class Heartbeats {
    private static final Logger LOG = Logger.getLogger(Heartbeats.class);

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "import-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final long periodMillis;

    public Heartbeats(ImportConfig config) {
        this.periodMillis = config.work().heartbeat().toMillis();
    }

    /** Runs {@code beat} every heartbeat until the returned handle is closed. */
    public Beat start(String what, Runnable beat) {
        ScheduledFuture<?> future = scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        beat.run();
                    } catch (RuntimeException e) {
                        LOG.warnf("heartbeat of %s failed, retrying: %s", what, e.toString());
                    }
                },
                periodMillis,
                periodMillis,
                TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    /** A running heartbeat; closing it stops it. */
    @FunctionalInterface
    public interface Beat extends AutoCloseable {
        @Override
        void close();
    }
}
