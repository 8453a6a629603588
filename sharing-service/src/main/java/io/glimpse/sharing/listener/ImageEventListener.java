package io.glimpse.sharing.listener;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.ImageEventData;
import io.glimpse.sharing.service.ImageProjectionService;
import io.glimpse.support.inbox.InboundEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Feeds {@code glimpse.images} into the image projection (which also ends the memberships of deleted
 * images, see {@link ImageProjectionService}). A database outage is retried without end
 * (the partition waits, nothing is skipped); an event that cannot be read at all goes to the
 * dead-letter topic (see {@link InboundEvents}).
 */
@ApplicationScoped
public class ImageEventListener {
    private final ImageProjectionService projection;

    public ImageEventListener(ImageProjectionService projection) {
        this.projection = projection;
    }

    @Incoming("images-in")
    public Uni<Void> onImageEvent(Message<String> message) {
        return InboundEvents.apply(
                message, "image event", json -> EventJson.read(json, ImageEventData.class), projection::apply);
    }
}
