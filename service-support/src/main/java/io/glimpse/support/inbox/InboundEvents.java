package io.glimpse.support.inbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How a listener takes one CloudEvent record (binary mode, JSON data) off a topic. A record that cannot be read (no
 * CloudEvent id, data its reader rejects) is nacked: with the channel's {@code failure-strategy=dead-letter-queue} it
 * goes to the dead-letter topic and the partition goes on. A readable event whose application fails (the database is
 * down) is retried without end, so the partition waits and nothing is skipped. Applying must be idempotent: the use
 * case calls {@link Inbox#firstDelivery} in the transaction of the change.
 */
public final class InboundEvents {
    private static final Logger LOG = Logger.getLogger(InboundEvents.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);

    private InboundEvents() {}

    /**
     * @param message the record as the connector delivered it
     * @param kind    what the events are, for the log ("image event")
     * @param reader  parses the data; throws {@link IllegalArgumentException} for data that cannot be applied
     * @param apply   the use case, given the CloudEvent id and the data
     * @return completes once the record is acknowledged (applied) or nacked (unreadable)
     */
    public static <T> Uni<Void> apply(
            Message<String> message, String kind, Function<String, T> reader, BiFunction<String, T, Uni<Void>> apply) {
        Optional<String> eventId =
                message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getId);
        T data;
        try {
            if (eventId.isEmpty()) {
                throw new IllegalArgumentException("the record carries no CloudEvent id");
            }
            data = reader.apply(message.getPayload());
        } catch (IllegalArgumentException unreadable) {
            LOG.errorf("unreadable %s %s: %s", kind, eventId.orElse("(no id)"), unreadable.getMessage());
            return Uni.createFrom().completionStage(message.nack(unreadable));
        }
        String id = eventId.get();
        return Uni.createFrom()
                .deferred(() -> apply.apply(id, data))
                .onFailure()
                .invoke(failure -> LOG.warnf("applying %s %s failed, retrying: %s", kind, id, failure.getMessage()))
                .onFailure()
                .retry()
                .withBackOff(FIRST_RETRY, LONGEST_RETRY)
                .indefinitely()
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }
}
