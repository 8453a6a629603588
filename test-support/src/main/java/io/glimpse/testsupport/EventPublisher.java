package io.glimpse.testsupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * Publishes hand-made records to a real topic, for consumer tests: CloudEvents in binary mode like
 * the outbox relay writes them, or deliberately broken records. Records go to an explicit partition
 * so a test controls the order a consumer sees them in.
 */
public final class EventPublisher implements AutoCloseable {
    private final KafkaProducer<String, String> producer;

    public EventPublisher() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalSuite.kafkaBootstrap());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config);
    }

    public void cloudEvent(String topic, int partition, String key, String eventId, String type, String json) {
        send(new ProducerRecord<>(
                topic,
                partition,
                key,
                json,
                List.of(
                        header("ce_specversion", "1.0"),
                        header("ce_id", eventId),
                        header("ce_type", type),
                        header("ce_source", "/glimpse/test"),
                        header("ce_subject", key),
                        header("content-type", "application/json"))));
    }

    /** A record no CloudEvent consumer can read: no ce_* headers at all. */
    public void garbage(String topic, int partition, String key, String value) {
        send(new ProducerRecord<>(topic, partition, key, value));
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a test record", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
