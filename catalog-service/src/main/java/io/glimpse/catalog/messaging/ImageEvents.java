package io.glimpse.catalog.messaging;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.mapping.ImageSnapshotMapper;
import io.glimpse.contracts.event.Actor;
import io.glimpse.contracts.event.ImageEventData;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.support.outbox.Outbox;
import io.glimpse.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes an image's events to the outbox, in the transaction of the change they report. */
@ApplicationScoped
public class ImageEvents {
    private final Outbox outbox;

    public ImageEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Records {@code type} for the image as it is now; advances the image's event sequence. */
    public Uni<Void> record(String type, Image image, Caller caller) {
        ImageEventData data = new ImageEventData(
                image.nextEventSequence(),
                new Actor(caller.projectId(), caller.userId()),
                caller.requestId(),
                ImageSnapshotMapper.toSnapshot(image));
        return outbox.record(Topics.IMAGES, image.id, type, image.id, data).replaceWithVoid();
    }
}
