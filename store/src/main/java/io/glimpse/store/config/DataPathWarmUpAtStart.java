package io.glimpse.store.config;

import io.glimpse.store.DataPathWarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;

/**
 * Warms the ingest path up when a service that stores image data starts (catalog-service, import-service), on a
 * thread of its own so that readiness does not wait for it.
 */
@ApplicationScoped
public class DataPathWarmUpAtStart {

    private static final System.Logger LOG = System.getLogger(DataPathWarmUpAtStart.class.getName());

    void onStart(@Observes Startup started) {
        Thread.ofPlatform().daemon().name("data-path-warm-up").start(() -> {
            long start = System.nanoTime();
            DataPathWarmUp.run();
            LOG.log(
                    System.Logger.Level.INFO,
                    "data path warmed up ({0} MiB digested in {1} ms; {2})",
                    String.valueOf(DataPathWarmUp.BYTES >> 20),
                    String.valueOf((System.nanoTime() - start) / 1_000_000),
                    DataPathWarmUp.sha512Implementation());
        });
    }
}
