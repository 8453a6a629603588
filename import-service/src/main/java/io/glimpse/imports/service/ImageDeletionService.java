package io.glimpse.imports.service;

import io.glimpse.imports.domain.StagedData;
import io.glimpse.imports.repository.StagedDataRepository;
import io.glimpse.imports.repository.TaskRepository;
import io.glimpse.imports.repository.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * An image was deleted (glance-v2-api.md §3.4: its staged data goes too): its running imports are cancelled — their
 * workers stop within a heartbeat and delete what they wrote and staged — and data staged for it with no import
 * running is deleted here. A stage still writing finds out when catalog refuses its end.
 */
@ApplicationScoped
public class ImageDeletionService {
    private static final Logger LOG = Logger.getLogger(ImageDeletionService.class);

    private final TaskRepository tasks;
    private final StagedDataRepository stagedData;
    private final StageService stages;

    public ImageDeletionService(TaskRepository tasks, StagedDataRepository stagedData, StageService stages) {
        this.tasks = tasks;
        this.stagedData = stagedData;
        this.stages = stages;
    }

    public void imageDeleted(String imageId) {
        int cancelled = Transactions.inTransaction(() -> tasks.cancelImportsOf(imageId));
        if (cancelled > 0) {
            LOG.infof("image %s deleted: %d import(s) cancelled", imageId, cancelled);
            return;
        }
        // Attempts still staging are left to their stage (catalog refuses its end) or to the sweep.
        Transactions.inSession(() -> stagedData.allFor(imageId)).stream()
                .filter(attempt -> StagedData.STAGED.equals(attempt.state))
                .forEach(attempt -> {
                    stages.discard(attempt.stageToken);
                    LOG.infof("image %s deleted: its staged data deleted", imageId);
                });
    }
}
