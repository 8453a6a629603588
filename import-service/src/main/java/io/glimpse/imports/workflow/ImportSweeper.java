package io.glimpse.imports.workflow;

import io.glimpse.contracts.internal.ActingUser;
import io.glimpse.imports.config.ImportConfig;
import io.glimpse.imports.domain.StagedData;
import io.glimpse.imports.domain.Task;
import io.glimpse.imports.repository.StagedDataRepository;
import io.glimpse.imports.repository.TaskRepository;
import io.glimpse.imports.repository.Transactions;
import io.glimpse.imports.service.ImportService;
import io.glimpse.imports.service.Instance;
import io.glimpse.imports.service.StageService;
import io.glimpse.imports.service.TaskService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * What makes a stuck import impossible. Every instance, every few seconds: resumes imports whose lease ran out (their
 * instance died) and starts those the hand-out never started; reverts stages whose instance died mid-stage; settles
 * tasks whose lock request went unanswered; deletes expired tasks. An instance that starts again takes back at once
 * what it held when it died.
 */
@ApplicationScoped
public class ImportSweeper {
    private static final Logger LOG = Logger.getLogger(ImportSweeper.class);
    /** A lock request unanswered this long is settled against catalog's lock. */
    private static final Duration UNSETTLED_AFTER = Duration.ofSeconds(30);

    private static final int BATCH = 50;

    private final TaskRepository tasks;
    private final StagedDataRepository stagedData;
    private final ImportWorker worker;
    private final StageService stages;
    private final ImportService imports;
    private final TaskService taskService;
    private final ImportConfig config;
    private final Instance instance;
    private volatile boolean stopping;

    public ImportSweeper(
            TaskRepository tasks,
            StagedDataRepository stagedData,
            ImportWorker worker,
            StageService stages,
            ImportService imports,
            TaskService taskService,
            ImportConfig config,
            Instance instance) {
        this.tasks = tasks;
        this.stagedData = stagedData;
        this.worker = worker;
        this.stages = stages;
        this.imports = imports;
        this.taskService = taskService;
        this.config = config;
        this.instance = instance;
    }

    /** This instance died holding leases (they name it): they are free again now, not once they ran out. */
    void takeBack(@Observes StartupEvent started) {
        try {
            int released = Transactions.inTransaction(() -> Panache.getSession()
                    .chain(session -> session.createNativeQuery(
                                    "update task set lease_until = now() - interval '1 second' where lease_owner = ?1 "
                                            + "and status in ('pending', 'processing')")
                            .setParameter(1, instance.name())
                            .executeUpdate())
                    .call(() -> Panache.getSession()
                            .chain(session -> session.createNativeQuery(
                                            "update staged_data set lease_until = now() - interval '1 second' where "
                                                    + "lease_owner = ?1 and state = 'staging'")
                                    .setParameter(1, instance.name())
                                    .executeUpdate())));
            if (released > 0) {
                LOG.infof("%d import(s) this instance ran before it stopped are resumed", released);
            }
        } catch (RuntimeException e) {
            LOG.warnf("leases of this instance's previous run not released (the sweep will wait them out): %s", e);
        }
    }

    @Scheduled(
            every = "${glimpse.import.work.sweep-interval:5s}",
            delayed = "2s",
            identity = "import-sweep",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            resumeOrphanedImports();
            revertAbandonedStages();
            settleUnansweredImports();
            expireTasks();
        } catch (RuntimeException e) {
            // Nothing is lost: every step is redone by the next pass. While the service stops, its pool is closed
            // under a pass that was running: not worth a warning.
            if (stopping) {
                LOG.debugf("import sweep cut by the shutdown: %s", e);
            } else {
                LOG.warnf(
                        "import sweep failed, the next one runs in %s: %s",
                        config.work().sweepInterval(), e);
            }
        }
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    void resumeOrphanedImports() {
        int free = worker.freeWorkers();
        if (free == 0) {
            return;
        }
        List<String> orphaned =
                Transactions.inSession(() -> tasks.orphaned(config.work().unclaimedAfter(), free));
        orphaned.forEach(worker::submit);
    }

    void revertAbandonedStages() {
        List<StagedData> abandoned = Transactions.inTransaction(() -> stagedData.abandoned(BATCH));
        for (StagedData stage : abandoned) {
            LOG.infof("stage of image %s was abandoned by its instance: reverting it", stage.imageId);
            ActingUser system = new ActingUser(instance.name(), "service", List.of("service"), null);
            stages.abandon(system, stage.imageId, stage.stageToken);
        }
    }

    void settleUnansweredImports() {
        List<Task> unanswered = Transactions.inSession(() -> tasks.unsettled(UNSETTLED_AFTER, BATCH));
        for (Task task : unanswered) {
            try {
                imports.settle(task);
            } catch (RuntimeException e) {
                LOG.warnf("import task %s cannot be settled yet: %s", task.id, e.toString());
            }
        }
    }

    void expireTasks() {
        int expired = taskService.deleteExpired();
        if (expired > 0) {
            LOG.infof("%d expired task(s) deleted", expired);
        }
    }
}
