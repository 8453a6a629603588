package io.glimpse.support.outbox;

import io.glimpse.contracts.event.EventJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Records an event in the caller's current transaction. Call it inside the same
 * {@code Panache.withTransaction} as the state change, so the change and its event commit together
 * or not at all; {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    /**
     * @param topic   the Kafka topic (see contracts' Topics)
     * @param key     the record key; the image id, so one image's events stay ordered
     * @param type    the CloudEvent type (see contracts' EventTypes)
     * @param subject the CloudEvent subject: the id of the resource the event is about
     * @param data    the event data, written as JSON with contracts' EventJson
     */
    public Uni<OutboxEvent> record(String topic, String key, String type, String subject, Object data) {
        OutboxEvent event = new OutboxEvent();
        event.eventId = UUID.randomUUID();
        event.topic = topic;
        event.key = key;
        event.type = type;
        event.subject = subject;
        event.payload = EventJson.write(data);
        event.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return event.persist();
    }
}
