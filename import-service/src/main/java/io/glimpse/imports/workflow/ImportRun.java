package io.glimpse.imports.workflow;

import io.glimpse.contracts.event.ImageSnapshot;
import io.glimpse.contracts.event.ImportProgress;
import io.glimpse.contracts.internal.ActingUser;
import io.glimpse.contracts.internal.ImportEnd;
import io.glimpse.contracts.internal.ImportKeys;
import io.glimpse.contracts.internal.ImportPlan;
import io.glimpse.contracts.internal.ImportResume;
import io.glimpse.contracts.internal.ImportStoreResult;
import io.glimpse.imports.client.CatalogRefusal;
import io.glimpse.imports.domain.ImportStep;
import io.glimpse.imports.domain.StagedData;
import io.glimpse.imports.domain.StepStatus;
import io.glimpse.imports.domain.Task;
import io.glimpse.imports.mapping.ActingUsers;
import io.glimpse.support.error.GlimpseException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One attempt of one import, run on a worker thread: the saga of glance-v2-api.md §8.3 with its steps recorded, so
 * that a later attempt (after this instance died) resumes after the last finished one.
 *
 * <ol>
 *   <li>{@code acquire}: the data into the shared staging area (staged already for glance-direct; copied from the
 *       image's store, and checked against its checksum, for copy-image);
 *   <li>{@code decompress}: with image_decompression, compressed data decompressed ({@link ImportPlugins});
 *   <li>{@code check-format}: the data suits the image's disk_format — the gate before any other plugin;
 *   <li>{@code verify-signature}: a signed image's signature, once, over the staged data;
 *   <li>{@code convert}, and the injected properties: the other plugins, in their configured order;
 *   <li>{@code store} per target, in parallel within the instance's budget: written from staging (linked where the
 *       store can), then registered with catalog;
 *   <li>the end: catalog activates the image (or reverts it), the staged data is deleted, the task ends.
 * </ol>
 *
 * A failure reverts: the task's locations dropped (catalog deletes their data), whatever was written deleted, the
 * image back to {@code queued} (a copied image keeps its data), the staged data deleted. A deleted image stops the
 * run and leaves nothing behind; a lost lease stops it and leaves everything to the attempt that took over.
 */
final class ImportRun {
    private static final Logger LOG = Logger.getLogger(ImportRun.class);
    static final String ACQUIRE = "acquire";
    static final String CHECK_FORMAT = "check-format";
    static final String VERIFY_SIGNATURE = "verify-signature";
    static final String STORE = "store";
    /** The decided end (success or revert), recorded before it is carried out, so a later attempt finishes it. */
    static final String END = "end";

    private static final String SUCCESS = "success";
    private static final String REVERT = "revert";

    private final ImportWorker worker;
    private final String taskId;
    private final long attempt;
    private final Progress progress;
    private final long startedNanos = System.nanoTime();
    private volatile Stop stop = Stop.NONE;

    private Task task;
    private ActingUser user;
    private ImportPlan plan;
    private Map<String, ImportStep> recorded;

    ImportRun(ImportWorker worker, String taskId, long attempt) {
        this.worker = worker;
        this.taskId = taskId;
        this.attempt = attempt;
        this.progress = new Progress((phase, store) -> worker.metrics().phase(method(), phase, store));
    }

    void run() {
        try (var beat = worker.heartbeats().start("import task " + taskId, this::beat)) {
            TaskRecorder.Started started = worker.recorder().start(taskId, attempt);
            task = started.task();
            worker.metrics().attemptStarted(method(), attempt);
            user = ActingUsers.of(task);
            recorded = new LinkedHashMap<>();
            started.steps().forEach(step -> recorded.put(step.key.name + "/" + step.key.store, step));
            if (task.imageId == null) {
                // A legacy task (POST /v2/tasks type import) fetches from the network, which this deployment does not.
                finish(false, "Importing from a URL is not available in this deployment.");
                return;
            }
            try {
                execute();
            } catch (ImportStopped stopped) {
                if (stop == Stop.CANCELLED) {
                    cleanUpAfterDeletion();
                } else {
                    LOG.infof("import task %s: attempt %d lost its lease, stopping", taskId, attempt);
                }
            } catch (ImageGone gone) {
                cleanUpAfterDeletion();
            } catch (ImportFailure failure) {
                revert(failure.getMessage(), failure.failedStores(task.targets));
            } catch (LeaseLostException lost) {
                throw lost;
            } catch (RuntimeException unexpected) {
                LOG.errorf(unexpected, "import task %s failed unexpectedly", taskId);
                revert("The import failed: " + unexpected.getMessage(), List.of());
            }
        } catch (LeaseLostException lost) {
            LOG.infof("import task %s: attempt %d no longer holds it, stopping", taskId, attempt);
        }
    }

    private void execute() {
        Optional<ImportStep> ending = recorded(END, null);
        if (ending.isPresent()) {
            // An earlier attempt decided how the import ends and died before it was done: end it the same way.
            Map<String, String> decided = ending.get().result;
            if (SUCCESS.equals(decided.get("outcome"))) {
                end(decided.get("message"), decided.get("stage_token"));
            } else {
                revert(decided.get("reason"), ImportKeys.stores(decided.get("failed_stores")));
            }
            return;
        }
        plan = resume();
        DataSources.Acquired acquired = worker.sources().acquire(this);
        StagedData staged = acquired.data();
        // glance-download: the image is what the remote one is (formats, copied properties) from here on.
        ImageSnapshot image = acquired.changes().applyTo(plan.image().image());
        StagedData data = worker.plugins().decompressed(this, staged, image);
        FormatOutcome format = worker.formats().check(this, data, image);
        // The signature is over the bytes the user supplied, whatever the plugins make of them.
        worker.signatures().verify(this, staged, image);
        ImportPlugins.Transformed transformed =
                worker.plugins().afterGate(this, data, image, format, acquired.changes());
        Map<String, String> failed = writeStores(transformed);
        boolean anyWritten = plan.targets().stream().anyMatch(store -> !failed.containsKey(store));
        if (!failed.isEmpty() && (task.allStoresMustSucceed || !anyWritten)) {
            throw new ImportFailure("Import to store(s) " + String.join(", ", failed.keySet()) + " failed: "
                    + String.join("; ", failed.values()));
        }
        String written = String.join(
                ", ",
                plan.targets().stream().filter(s -> !failed.containsKey(s)).toList());
        String message = "Imported " + mebibytes(transformed.data().size) + " to " + written
                + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed.keySet()));
        // What staging holds for this import: the staged data and what the plugins made of it (each once).
        String stageTokens = String.join(
                ",", new LinkedHashSet<>(List.of(staged.stageToken, data.stageToken, transformed.data().stageToken)));
        record(END, null, StepStatus.DONE, Map.of("outcome", SUCCESS, "message", message, "stage_token", stageTokens));
        end(message, stageTokens);
    }

    /** Attempt {@link #attempt} takes over catalog's lock and finds the image as it is now. */
    private ImportPlan resume() {
        try {
            ImportPlan resumed = worker.catalog().resumeImport(task.imageId, taskId, new ImportResume(user, attempt));
            // The targets are the task's; catalog's importing list shrinks as stores finish.
            return new ImportPlan(task.targets, resumed.image(), resumed.locations());
        } catch (CatalogRefusal refusal) {
            if (refusal.status() == 404) {
                throw new ImageGone();
            }
            throw new ImportFailure(
                    "The import lock of image " + task.imageId + " is no longer this task's: " + refusal.getMessage());
        }
    }

    private Map<String, String> writeStores(ImportPlugins.Transformed transformed) {
        StagedData staged = transformed.data();
        Map<String, Future<Optional<String>>> writes = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (String store : plan.targets()) {
            ImportStep step = recorded.get(STORE + "/" + store);
            Progress.Phase phase = progress.phase(STORE, store, staged.size);
            if (step != null) {
                if (step.status == StepStatus.FAILED) {
                    failed.put(store, step.result.getOrDefault("reason", "failed"));
                    phase.failed();
                } else {
                    phase.done();
                }
                continue;
            }
            writes.put(
                    store,
                    worker.storeWriter()
                            .submit(this, store, staged, transformed.format(), transformed.changes(), phase));
        }
        progress.say("Writing to " + String.join(", ", writes.keySet()));
        for (Map.Entry<String, Future<Optional<String>>> write : writes.entrySet()) {
            Optional<String> failure;
            try {
                failure = await(write.getValue());
            } catch (ImportStopped stopped) {
                if (stop != Stop.STORES_FAILED) {
                    throw stopped;
                }
                failure = Optional.of("stopped: another store failed");
            }
            if (failure.isPresent()) {
                failed.put(write.getKey(), failure.get());
                if (task.allStoresMustSucceed && stop == Stop.NONE) {
                    // The others are doomed to be reverted: stop them rather than finish them.
                    stop = Stop.STORES_FAILED;
                }
            }
        }
        if (stop == Stop.CANCELLED || stop == Stop.LOST) {
            throw new ImportStopped(stop.name());
        }
        return failed;
    }

    private Optional<String> await(Future<Optional<String>> write) {
        try {
            return write.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ImportFailure("A store write failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportStopped("interrupted");
        }
    }

    /** The decided successful end: catalog activates the image, the staged data goes, the task succeeds. */
    private void end(String message, String stageToken) {
        try {
            worker.catalog()
                    .endImport(task.imageId, taskId, new ImportEnd(user, attempt, false, List.of(), null, List.of()));
        } catch (CatalogRefusal refusal) {
            if (refusal.status() == 404) {
                throw new ImageGone();
            }
            throw new LeaseLostException(taskId, attempt);
        }
        for (String token : stageToken.split(",")) {
            worker.staging().discard(token);
        }
        progress.say(message);
        finish(true, message);
        LOG.infof("import task %s of image %s: %s", taskId, task.imageId, message);
    }

    /** Undoes what this task did; the image is back where it was before the import (copies: only theirs go). */
    private void revert(String reason, List<String> failedStores) {
        LOG.infof("import task %s of image %s failed, reverting: %s", taskId, task.imageId, reason);
        progress.say(reason);
        if (recorded(END, null).isEmpty()) {
            record(
                    END,
                    null,
                    StepStatus.FAILED,
                    Map.of("outcome", REVERT, "reason", reason, "failed_stores", String.join(",", failedStores)));
        }
        List<String> attempted = task.targets;
        try {
            worker.catalog()
                    .endImport(
                            task.imageId, taskId, new ImportEnd(user, attempt, true, attempted, reason, failedStores));
        } catch (CatalogRefusal refusal) {
            if (refusal.status() != 404) {
                throw new LeaseLostException(taskId, attempt);
            }
        } catch (GlimpseException.ServiceUnavailable unavailable) {
            // The lease lapses and a later attempt reverts again (reverting twice changes nothing).
            throw new LeaseLostException(taskId, attempt);
        }
        attempted.forEach(store -> worker.storeWriter().deleteUnregistered(task.imageId, store));
        worker.staging().discardAll(task.imageId);
        finish(false, reason);
    }

    /** The task's recorded end, and the import counted as ended by this instance. */
    private void finish(boolean success, String message) {
        worker.recorder().finish(taskId, attempt, success, message, progress.snapshot());
        worker.metrics().finished(method(), success, Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    private String method() {
        Task current = task;
        return current == null ? null : current.method;
    }

    /** The image was deleted: what this task wrote or staged goes, and the task ends failed. */
    private void cleanUpAfterDeletion() {
        String reason = "Image " + task.imageId + " was deleted during its import.";
        LOG.info(reason + " (task " + taskId + ")");
        List<String> attempted = task.targets;
        attempted.forEach(store -> worker.storeWriter().deleteUnregistered(task.imageId, store));
        worker.staging().discardAll(task.imageId);
        finish(false, reason);
    }

    /** Every heartbeat: lease and progress recorded; a deletion or a lost lease stops the bytes. */
    private void beat() {
        List<ImportProgress> changed = progress.changedSinceRecorded();
        TaskRecorder.Beat beat = worker.recorder().beat(taskId, attempt, changed, progress.message());
        if (changed != null) {
            progress.recorded(changed);
        }
        switch (beat) {
            case CANCELLED -> stop = Stop.CANCELLED;
            case LOST -> stop = Stop.LOST;
            case GO_ON -> {}
        }
    }

    /** Called from the threads moving bytes: throws when the import must stop. */
    void checkGoingOn() {
        Stop why = stop;
        if (why != Stop.NONE) {
            throw new ImportStopped(why.name());
        }
    }

    /** Why the import stops before its end, if it does. */
    private enum Stop {
        NONE,
        /** A store failed and all must succeed: the other writes are wasted. */
        STORES_FAILED,
        /** The image was deleted. */
        CANCELLED,
        /** Another attempt took over. */
        LOST
    }

    // --- what the steps need ---

    String taskId() {
        return taskId;
    }

    long attempt() {
        return attempt;
    }

    Task task() {
        return task;
    }

    ActingUser user() {
        return user;
    }

    ImportPlan plan() {
        return plan;
    }

    Progress progress() {
        return progress;
    }

    Optional<ImportStep> recorded(String name, String store) {
        return Optional.ofNullable(recorded.get(name + "/" + (store == null ? "" : store)));
    }

    void record(String name, String store, StepStatus status, Map<String, String> result) {
        worker.recorder().step(taskId, attempt, name, store, status, result);
        if (STORE.equals(name) && store != null) {
            worker.metrics().storeEnded(method(), store, status == StepStatus.DONE);
        }
        ImportStep step = new ImportStep();
        step.key = new ImportStep.Key(taskId, name, store == null ? "" : store);
        step.status = status;
        step.result = result;
        recorded.put(name + "/" + step.key.store, step);
    }

    /** Registers a written store with catalog; 404 means the image is gone. */
    void registerStore(ImportStoreResult result) {
        try {
            worker.catalog().storeDone(task.imageId, taskId, result);
        } catch (CatalogRefusal refusal) {
            if (refusal.status() == 404) {
                throw new ImageGone();
            }
            if (refusal.status() == 409 && refusal.getMessage().contains("is not the data of")) {
                throw new ImportFailure(refusal.getMessage());
            }
            throw new LeaseLostException(taskId, attempt);
        }
    }

    static String mebibytes(Long bytes) {
        return bytes == null ? "0 MiB" : (bytes / (1024 * 1024)) + " MiB";
    }

    /** The image is gone (catalog answered 404): stop and clean up. */
    static final class ImageGone extends RuntimeException {
        ImageGone() {
            super("image deleted", null, false, false);
        }
    }

    /** What the format check decided: the virtual size to record, and the inspection properties. */
    record FormatOutcome(Long virtualSize, Map<String, String> inspection) {
        static FormatOutcome of(Long virtualSize, StagedData staged) {
            Map<String, String> inspection = new LinkedHashMap<>();
            if (staged.detectedFormat != null) {
                inspection.put(ImportKeys.DETECTED_FORMAT, staged.detectedFormat);
                inspection.put(ImportKeys.FORMAT_SAFETY, staged.formatSafety);
            }
            return new FormatOutcome(virtualSize, inspection);
        }
    }
}
