package io.glimpse.imports.workflow;

import io.glimpse.contracts.event.ImageSnapshot;
import io.glimpse.imports.domain.ImportStep;
import io.glimpse.imports.domain.StagedData;
import io.glimpse.imports.domain.StepStatus;
import io.glimpse.imports.repository.StagedDataRepository;
import io.glimpse.imports.repository.Transactions;
import io.glimpse.imports.service.FormatChecker;
import io.glimpse.imports.storage.StagingArea;
import io.glimpse.inspect.ImageInspector;
import io.glimpse.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code check-format} step: the staged data suits the image's disk_format (an upload's check, §5.1). Staging
 * recorded the verdict for the disk_format the image had then; only when the format changed since is the data
 * inspected again.
 */
@ApplicationScoped
public class FormatStep {
    private final FormatChecker formats;
    private final StagingArea staging;
    private final StagedDataRepository stagedData;

    public FormatStep(FormatChecker formats, StagingArea staging, StagedDataRepository stagedData) {
        this.formats = formats;
        this.staging = staging;
        this.stagedData = stagedData;
    }

    ImportRun.FormatOutcome check(ImportRun run, StagedData staged, ImageSnapshot image) {
        Optional<ImportStep> done = run.recorded(ImportRun.CHECK_FORMAT, null);
        if (done.isPresent()) {
            String size = done.get().result.get("virtual_size");
            return ImportRun.FormatOutcome.of(size == null ? null : Long.valueOf(size), staged);
        }
        if (!formats.recordedFor(staged, image)) {
            inspectAgain(run, staged, image);
        }
        FormatChecker.Verdict verdict = formats.verdict(staged, image);
        if (verdict.rejection() != null) {
            throw new ImportFailure(verdict.rejection());
        }
        Map<String, String> result = new HashMap<>();
        if (verdict.virtualSize() != null) {
            result.put("virtual_size", verdict.virtualSize().toString());
        }
        run.record(ImportRun.CHECK_FORMAT, null, StepStatus.DONE, result);
        return ImportRun.FormatOutcome.of(verdict.virtualSize(), staged);
    }

    private void inspectAgain(ImportRun run, StagedData staged, ImageSnapshot image) {
        Progress.Phase phase = run.progress().phase("inspect", null, staged.size);
        phase.running();
        run.progress().say("Inspecting the data as " + image.diskFormat());
        ImageInspector inspector = new ImageInspector();
        try (InputStream data = staging.store().read(staged.location, Optional.empty())) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = data.read(buffer)) >= 0) {
                run.checkGoingOn();
                inspector.update(buffer, 0, n);
                phase.add(n);
            }
        } catch (IOException | StoreException e) {
            phase.failed();
            throw new ImportFailure("The staged data of image " + image.id() + " cannot be read: " + e.getMessage(), e);
        }
        formats.record(staged, image, inspector.finish());
        phase.done();
        Transactions.inTransaction(() -> stagedData.getSession().chain(session -> session.merge(staged)));
    }
}
