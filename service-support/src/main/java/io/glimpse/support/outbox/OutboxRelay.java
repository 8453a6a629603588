package io.glimpse.support.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Publishes outbox rows to Kafka in id order, one at a time, and stamps each as sent only after Kafka
 * acknowledged it (acks=all, idempotent producer). When Kafka is down a pass stops at the first failure
 * and the rest waits for the next pass: nothing is lost, at worst an event is sent twice, which
 * consumers absorb through their inbox. Rows are claimed with SKIP LOCKED so replicas never
 * publish the same row at the same time.
 */
@ApplicationScoped
public class OutboxRelay {
    static final String CHANNEL = "glimpse-events";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final URI source;

    public OutboxRelay(@Channel(CHANNEL) MutinyEmitter<String> emitter, OutboxConfig config) {
        this.emitter = emitter;
        this.config = config;
        this.source = URI.create(config.source());
    }

    @Scheduled(every = "${glimpse.outbox.relay-interval:0.2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "outbox-relay", delayed = "1s")
    Uni<Void> relayPass() {
        return Panache.withTransaction(() -> claimUnsent().chain(this::publishInOrder))
                .onFailure().invoke(failure -> LOG.warnf("outbox relay pass failed, retrying: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m", identity = "outbox-purge")
    Uni<Void> purgeRelayed() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention());
        return Panache.withTransaction(() -> OutboxEvent.delete("sentAt < ?1", cutoff)).replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private Uni<List<OutboxEvent>> claimUnsent() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select * from outbox_event where sent_at is null order by id limit :limit "
                        + "for update skip locked", OutboxEvent.class)
                .setParameter("limit", config.batchSize())
                .getResultList());
    }

    /** Sends the events one after another; a failure ends the pass, keeping what was already acknowledged. */
    private Uni<Void> publishInOrder(List<OutboxEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OutboxEvent event : events) {
            chain = chain.chain(() -> emitter.sendMessage(toMessage(event))
                    .invoke(() -> event.sentAt = OffsetDateTime.now(ZoneOffset.UTC)));
        }
        return chain.onFailure().invoke(failure -> LOG.warnf("Kafka did not take an event (%s); it stays in the outbox",
                failure.getMessage())).onFailure().recoverWithNull().replaceWithVoid();
    }

    private Message<String> toMessage(OutboxEvent event) {
        OutgoingCloudEventMetadata<String> cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(event.eventId.toString())
                .withType(event.type)
                .withSource(source)
                .withSubject(event.subject)
                .withDataContentType("application/json")
                .withTimestamp(event.createdAt.toZonedDateTime())
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic)
                .withKey(event.key)
                .build();
        return Message.of(event.payload).addMetadata(cloudEvent).addMetadata(record);
    }
}
