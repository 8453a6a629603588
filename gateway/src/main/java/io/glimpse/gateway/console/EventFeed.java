package io.glimpse.gateway.console;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The events every open console shows, read from Kafka once per gateway: one consumer (no consumer group, nothing
 * committed) reads every partition of the configured topics, starting {@code replay-per-partition} events back, and
 * keeps those last events in memory. A console that connects gets them, then each new one as it is read — so ten open
 * consoles cost Kafka what one does.
 */
@ApplicationScoped
public class EventFeed {
    private static final Logger LOG = Logger.getLogger(EventFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);
    /** How often partitions are looked up again: a topic created after the gateway started joins the feed. */
    private static final Duration DISCOVERY = Duration.ofSeconds(30);

    private final ConsoleConfig config;
    private final Deque<ConsoleEvent> recent = new ArrayDeque<>();
    private final List<Consumer<ConsoleEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread poller;

    public EventFeed(ConsoleConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        poller = Thread.ofPlatform().daemon().name("console-event-feed").start(this::readKafka);
    }

    @PreDestroy
    void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /**
     * Subscribes a console: it gets the kept events after {@code lastSeen} (all of them when it saw none, or when the
     * one it names is no longer kept — it tells duplicates apart by id), then every new event, until it unsubscribes.
     * Both go to {@code listener} in order, on the feed's thread or the caller's.
     */
    public Subscription subscribe(String lastSeen, Consumer<ConsoleEvent> listener) {
        List<ConsoleEvent> replay;
        synchronized (recent) {
            replay = after(lastSeen);
            listeners.add(listener);
        }
        replay.forEach(listener);
        return () -> listeners.remove(listener);
    }

    /** Stops the events of one subscription. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private List<ConsoleEvent> after(String lastSeen) {
        List<ConsoleEvent> kept = new ArrayList<>(recent);
        if (lastSeen == null) {
            return kept;
        }
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).id().equals(lastSeen)) {
                return kept.subList(i + 1, kept.size());
            }
        }
        return kept;
    }

    private void readKafka() {
        long nextDiscovery = 0;
        // Kafka not answering before the feed ever read from it is a start in progress (the gateway started first,
        // or the broker is slow to answer a new client): worth a line, not a warning.
        boolean readBefore = false;
        while (running) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(properties())) {
                consumer = kafka;
                assigned.clear();
                while (running) {
                    // Until a partition is found (Kafka or the topics not there yet), look again at every retry.
                    if (assigned.isEmpty() || System.nanoTime() >= nextDiscovery) {
                        assignNewPartitions(kafka);
                        nextDiscovery = System.nanoTime() + DISCOVERY.toNanos();
                    }
                    if (assigned.isEmpty()) {
                        pause(RETRY);
                        continue;
                    }
                    readBefore = true;
                    for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                        publish(ConsoleEvent.of(record));
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                if (readBefore) {
                    LOG.warnf("the console's event feed lost Kafka, reconnecting: %s", e.toString());
                } else {
                    LOG.infof("the console's event feed waits for Kafka: %s", e.toString());
                }
                nextDiscovery = 0;
                pause(RETRY);
            }
        }
    }

    /** Adds the partitions not read yet, each from {@code replay-per-partition} events before its end. */
    private void assignNewPartitions(KafkaConsumer<String, String> kafka) {
        List<TopicPartition> found = new ArrayList<>();
        for (String topic : config.topics()) {
            List<PartitionInfo> partitions = kafka.partitionsFor(topic, RETRY);
            if (partitions == null) {
                continue;
            }
            for (PartitionInfo partition : partitions) {
                TopicPartition topicPartition = new TopicPartition(topic, partition.partition());
                if (!assigned.contains(topicPartition)) {
                    found.add(topicPartition);
                }
            }
        }
        if (found.isEmpty()) {
            return;
        }
        List<TopicPartition> all = new ArrayList<>(assigned);
        all.addAll(found);
        kafka.assign(all);
        Map<TopicPartition, Long> beginnings = kafka.beginningOffsets(found, RETRY);
        Map<TopicPartition, Long> ends = kafka.endOffsets(found, RETRY);
        for (TopicPartition partition : found) {
            long from = Math.max(beginnings.get(partition), ends.get(partition) - config.replayPerPartition());
            kafka.seek(partition, from);
        }
        assigned.addAll(found);
    }

    private void publish(ConsoleEvent event) {
        synchronized (recent) {
            recent.addLast(event);
            int bound = config.replayPerPartition() * Math.max(1, assigned.size());
            while (recent.size() > bound) {
                recent.removeFirst();
            }
        }
        for (Consumer<ConsoleEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.debugf("a console's listener failed: %s", e.toString());
            }
        }
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "glimpse-gateway-console");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return properties;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
