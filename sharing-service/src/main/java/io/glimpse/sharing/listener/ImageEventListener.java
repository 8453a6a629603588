package io.glimpse.sharing.listener;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.ImageEventData;
import io.glimpse.sharing.service.ImageProjectionService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Feeds {@code glimpse.images} into the image projection (which also ends the memberships of deleted
 * images, see {@link ImageProjectionService}). A database outage is retried without end
 * (the partition waits, nothing is skipped); an event that cannot be read at all goes to the
 * dead-letter topic.
 */
@ApplicationScoped
public class ImageEventListener {
    private static final Logger LOG = Logger.getLogger(ImageEventListener.class);

    private final ImageProjectionService projection;

    public ImageEventListener(ImageProjectionService projection) {
        this.projection = projection;
    }

    @Incoming("images-in")
    public Uni<Void> onImageEvent(Message<String> message) {
        String eventId = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(IncomingCloudEventMetadata::getId)
                .orElse(null);
        ImageEventData data;
        try {
            if (eventId == null) {
                throw new IllegalArgumentException("the record carries no CloudEvent id");
            }
            data = EventJson.read(message.getPayload(), ImageEventData.class);
        } catch (IllegalArgumentException unreadable) {
            LOG.errorf("unreadable image event %s: %s", eventId, unreadable.getMessage());
            return Uni.createFrom().completionStage(message.nack(unreadable));
        }
        return projection
                .apply(eventId, data)
                .onFailure()
                .invoke(failure ->
                        LOG.warnf("applying image event %s failed, retrying: %s", eventId, failure.getMessage()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely()
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }
}
