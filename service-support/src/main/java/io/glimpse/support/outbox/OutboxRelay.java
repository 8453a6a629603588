package io.glimpse.support.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes outbox rows to Kafka in id order, one at a time, and stamps each as sent only after Kafka
 * acknowledged it (acks=all, idempotent producer). When Kafka is down a pass stops at the first failure
 * and the rest waits for the next pass: nothing is lost, at worst an event is sent twice, which
 * consumers absorb through their inbox. A row Kafka refuses for good (too large, an invalid topic name)
 * is set aside with the reason ({@code failed_at}, {@code failure}) instead of blocking every later event:
 * events carry the whole resulting resource, so a consumer that misses one still converges on the next.
 * Rows are claimed with SKIP LOCKED so replicas never publish the same row at the same time. Passes run on
 * a Vert.x timer (the scheduler's floor is one second, too slow for projections): the next pass starts
 * {@code relay-interval} after the previous one ended, or at once when the previous one found a full batch.
 */
@ApplicationScoped
public class OutboxRelay {
    static final String CHANNEL = "glimpse-events";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final RelayState state;
    private final URI source;
    private volatile boolean running;

    public OutboxRelay(
            @Channel(CHANNEL) MutinyEmitter<String> emitter, OutboxConfig config, Vertx vertx, RelayState state) {
        this.emitter = emitter;
        this.config = config;
        this.vertx = vertx;
        this.state = state;
        this.source = URI.create(config.source());
    }

    void start(@Observes StartupEvent started) {
        running = true;
        scheduleNextPass(config.relayInterval().toMillis());
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
    }

    private void scheduleNextPass(long delayMillis) {
        if (!running) {
            return;
        }
        vertx.setTimer(Math.max(1, delayMillis), timer -> {
            // Hibernate Reactive needs a safe duplicated context; a bare timer runs on the root one.
            Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> relayPass()
                    .subscribe()
                    .with(
                            sent -> scheduleNextPass(
                                    sent == config.batchSize()
                                            ? 0
                                            : config.relayInterval().toMillis()),
                            failure -> scheduleNextPass(config.relayInterval().toMillis())));
        });
    }

    /** @return how many rows this pass settled: acknowledged by Kafka, or set aside as never publishable */
    Uni<Integer> relayPass() {
        return Panache.withTransaction(() -> claimUnsent().chain(this::publishInOrder))
                .onFailure()
                .invoke(failure -> LOG.warnf("outbox relay pass failed, retrying: %s", failure.getMessage()))
                .onFailure()
                .recoverWithItem(0);
    }

    @Scheduled(every = "1h", delayed = "1m", identity = "outbox-purge")
    Uni<Void> purgeRelayed() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention());
        return Panache.withTransaction(() -> OutboxEvent.delete("sentAt < ?1", cutoff))
                .replaceWithVoid();
    }

    /** The backlog operators alert on: rows still to publish, and rows set aside for good. */
    @Scheduled(every = "15s", delayed = "5s", identity = "outbox-backlog")
    Uni<Void> countBacklog() {
        return Panache.withSession(() -> OutboxEvent.count("sentAt is null and failedAt is null")
                        .chain(waiting -> OutboxEvent.count("failedAt is not null")
                                .invoke(setAside -> state.backlog(waiting, setAside))))
                .replaceWithVoid()
                .onFailure()
                .invoke(failure -> LOG.debugf("outbox backlog not counted now: %s", failure.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    @SuppressWarnings("unchecked")
    private Uni<List<OutboxEvent>> claimUnsent() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select * from outbox_event where sent_at is null and failed_at is null order by id limit :limit "
                                        + "for update skip locked",
                                OutboxEvent.class)
                        .setParameter("limit", config.batchSize())
                        .getResultList());
    }

    /**
     * Sends the events one after another; a failure that may pass (Kafka unreachable) ends the pass, keeping what was
     * already acknowledged; a row Kafka can never take is set aside and the pass goes on.
     */
    private Uni<Integer> publishInOrder(List<OutboxEvent> events) {
        AtomicInteger settled = new AtomicInteger();
        AtomicInteger published = new AtomicInteger();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OutboxEvent event : events) {
            chain = chain.chain(() -> emitter.sendMessage(toMessage(event))
                    .invoke(() -> {
                        event.sentAt = OffsetDateTime.now(ZoneOffset.UTC);
                        published.incrementAndGet();
                    })
                    .onFailure(OutboxRelay::neverPublishable)
                    .invoke(failure -> setAside(event, failure))
                    .onFailure(OutboxRelay::neverPublishable)
                    .recoverWithNull()
                    .invoke(settled::incrementAndGet));
        }
        return chain.invoke(() -> state.published(published.get(), Optional.empty()))
                .onFailure()
                .invoke(failure -> {
                    LOG.warnf("Kafka did not take an event (%s); it stays in the outbox", failure.getMessage());
                    state.failed(
                            String.valueOf(failure.getMessage()), published.get(), events.get(settled.get()).createdAt);
                })
                .onFailure()
                .recoverWithNull()
                .map(ignored -> settled.get());
    }

    /** Whether Kafka refused the record for a reason no retry can change (as the Kafka connector judges it too). */
    static boolean neverPublishable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException
                    || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidTopicException
                    || cause instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    private static void setAside(OutboxEvent event, Throwable failure) {
        LOG.errorf(
                "outbox event %s (%s, topic %s, key %s) can never be published and is set aside: %s",
                event.eventId, event.type, event.topic, event.key, failure.toString());
        event.failedAt = OffsetDateTime.now(ZoneOffset.UTC);
        event.failure = failure.toString();
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
