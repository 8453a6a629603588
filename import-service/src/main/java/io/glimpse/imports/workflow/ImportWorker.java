package io.glimpse.imports.workflow;

import io.glimpse.imports.client.CatalogClient;
import io.glimpse.imports.config.ImportConfig;
import io.glimpse.imports.domain.TaskAccepted;
import io.glimpse.imports.repository.TaskRepository;
import io.glimpse.imports.repository.Transactions;
import io.glimpse.imports.service.Heartbeats;
import io.glimpse.imports.service.Instance;
import io.glimpse.imports.service.StageService;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs imports on this instance's workers: a task handed out (through Kafka, or found by the sweep) is claimed in the
 * database — its lease taken, its attempt number raised — and run here; a task another instance holds, or that is
 * finished, is left alone. At most {@code glimpse.import.work.workers} imports run here at once; the rest wait in the
 * database for any instance.
 */
@ApplicationScoped
public class ImportWorker {
    private static final Logger LOG = Logger.getLogger(ImportWorker.class);

    private final TaskRepository tasks;
    private final ImportConfig config;
    private final Instance instance;
    private final Heartbeats heartbeats;
    private final TaskRecorder recorder;
    private final CatalogClient catalog;
    private final DataSources sources;
    private final FormatStep formats;
    private final SignatureStep signatures;
    private final ImportPlugins plugins;
    private final StoreWriter storeWriter;
    private final StageService staging;
    private final ImportMetrics metrics;
    private final ExecutorService workers;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public ImportWorker(
            TaskRepository tasks,
            ImportConfig config,
            Instance instance,
            Heartbeats heartbeats,
            TaskRecorder recorder,
            CatalogClient catalog,
            DataSources sources,
            FormatStep formats,
            SignatureStep signatures,
            ImportPlugins plugins,
            StoreWriter storeWriter,
            StageService staging,
            ImportMetrics metrics) {
        this.tasks = tasks;
        this.config = config;
        this.instance = instance;
        this.heartbeats = heartbeats;
        this.recorder = recorder;
        this.catalog = catalog;
        this.sources = sources;
        this.formats = formats;
        this.signatures = signatures;
        this.plugins = plugins;
        this.storeWriter = storeWriter;
        this.staging = staging;
        this.metrics = metrics;
        metrics.inFlight(running::size);
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.work().workers(), runnable -> {
            Thread thread = new Thread(runnable, "import-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Whether a worker is free here (the sweep hands out no more than that). */
    public int freeWorkers() {
        return Math.max(0, config.work().workers() - running.size());
    }

    /** Runs the task here if it can be claimed; returns at once. */
    public void submit(String taskId) {
        if (running.size() >= config.work().workers() || !running.add(taskId)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    claimAndRun(taskId);
                } finally {
                    running.remove(taskId);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            running.remove(taskId);
        }
    }

    /**
     * A task accepted here starts here at once when this instance runs no import, sparing the hand-out's round trip
     * through Kafka (about a second); a busy instance leaves it to the hand-out, which spreads the work.
     */
    void onAccepted(@Observes TaskAccepted accepted) {
        if (running.isEmpty()) {
            submit(accepted.taskId());
        }
    }

    private void claimAndRun(String taskId) {
        Optional<Long> attempt;
        try {
            attempt = Transactions.inTransaction(
                    () -> tasks.claim(taskId, instance.name(), config.work().lease()));
        } catch (RuntimeException e) {
            LOG.warnf("import task %s could not be claimed now: %s", taskId, e.toString());
            return;
        }
        if (attempt.isEmpty()) {
            return;
        }
        LOG.infof("import task %s: attempt %d runs on %s", taskId, attempt.get(), instance.name());
        new ImportRun(this, taskId, attempt.get()).run();
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    Heartbeats heartbeats() {
        return heartbeats;
    }

    TaskRecorder recorder() {
        return recorder;
    }

    CatalogClient catalog() {
        return catalog;
    }

    DataSources sources() {
        return sources;
    }

    FormatStep formats() {
        return formats;
    }

    SignatureStep signatures() {
        return signatures;
    }

    ImportPlugins plugins() {
        return plugins;
    }

    StoreWriter storeWriter() {
        return storeWriter;
    }

    StageService staging() {
        return staging;
    }

    ImportMetrics metrics() {
        return metrics;
    }
}
