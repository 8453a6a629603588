package io.glimpse.catalog.messaging;

import io.glimpse.contracts.event.Actor;
import io.glimpse.contracts.event.MetadefEventData;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.support.outbox.Outbox;
import io.glimpse.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Writes metadata definition events to the outbox, in the transaction of the change they report. */
@ApplicationScoped
public class MetadefEvents {
    private final Outbox outbox;

    public MetadefEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Records {@code type} on {@code glimpse.metadefs}, keyed by namespace so one namespace's events stay in order.
     *
     * @param name     what changed: an object, property, tag or resource type name, or the namespace itself
     * @param nameOld  its name before a rename, or null when it kept its name
     * @param resource the resource as shown after the change (before it, for a delete)
     */
    public Uni<Void> record(
            String type, String namespace, String name, String nameOld, Map<String, Object> resource, Caller caller) {
        MetadefEventData data = new MetadefEventData(
                new Actor(caller.projectId(), caller.userId()), caller.requestId(), namespace, name, nameOld, resource);
        return outbox.record(Topics.METADEFS, namespace, type, namespace, data).replaceWithVoid();
    }
}
