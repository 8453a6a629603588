package io.glimpse.gateway.console;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One event as the console receives it: its position in Kafka as its id (a reconnecting console names the last one
 * it saw) and the record as one JSON line, made once when it is read.
 */
record ConsoleEvent(String id, String json) {

    static ConsoleEvent of(ConsumerRecord<String, String> record) {
        String id = record.topic() + "/" + record.partition() + "/" + record.offset();
        JsonObject line = new JsonObject()
                .put("id", id)
                .put("topic", record.topic())
                .put("type", header(record, "ce_type"))
                .put("key", record.key())
                .put("time", Instant.ofEpochMilli(record.timestamp()).toString())
                .put("data", data(record.value()));
        return new ConsoleEvent(id, line.encode());
    }

    /** The event's data: JSON as the services publish it, or the raw text of anything else. */
    private static Object data(String value) {
        if (value == null) {
            return null;
        }
        try {
            return new JsonObject(value);
        } catch (DecodeException notAnObject) {
            return value;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
