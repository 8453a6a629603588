package io.glimpse.imports.listener;

import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.imports.service.ImageDeletionService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Watches {@code glimpse.images} for deleted images: their imports stop and their staged data goes. A database
 * outage is waited out (the partition waits, nothing is skipped); acting twice changes nothing.
 */
@ApplicationScoped
public class ImageDeletionListener {
    private static final Logger LOG = Logger.getLogger(ImageDeletionListener.class);

    private final ImageDeletionService deletions;

    public ImageDeletionListener(ImageDeletionService deletions) {
        this.deletions = deletions;
    }

    @Incoming("images-in")
    @Blocking
    public CompletionStage<Void> onImageEvent(Message<String> message) {
        Optional<String> deleted = message.getMetadata(IncomingCloudEventMetadata.class)
                .filter(event -> EventTypes.IMAGE_DELETE.equals(event.getType()))
                .flatMap(IncomingCloudEventMetadata::getSubject);
        for (long pause = 200; deleted.isPresent(); pause = Math.min(pause * 2, 10_000)) {
            try {
                deletions.imageDeleted(deleted.get());
                break;
            } catch (RuntimeException e) {
                LOG.warnf("image %s deleted, but its imports cannot be stopped yet, retrying: %s", deleted.get(), e);
                if (!sleep(pause)) {
                    return message.nack(e);
                }
            }
        }
        return message.ack();
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
