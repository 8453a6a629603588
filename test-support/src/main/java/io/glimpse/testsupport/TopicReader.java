package io.glimpse.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Reads a topic from its beginning, without a consumer group, the way an operator's tool would, and
 * waits (bounded) for the records a test expects.
 */
public final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicReader(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalSuite.kafkaBootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every record with this key, in the order of its partition, waiting until {@code done} holds for them. */
    public List<ConsumerRecord<String, String>> awaitRecords(
            String key, Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<ConsumerRecord<String, String>> matching =
                    seen.stream().filter(r -> key.equals(r.key())).toList();
            if (done.test(matching)) {
                return matching;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "records with key " + key + " not as expected after " + timeout + ": " + matching);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
    }

    /** Waits for the first record with this key. */
    public ConsumerRecord<String, String> awaitFirst(String key, Duration timeout) {
        return awaitRecords(key, records -> !records.isEmpty(), timeout).get(0);
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    public static Map<String, String> cloudEventHeaders(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new java.util.TreeMap<>();
        for (Header header : record.headers()) {
            if (header.key().startsWith("ce_")) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
