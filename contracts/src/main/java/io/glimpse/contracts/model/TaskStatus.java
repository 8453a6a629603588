package io.glimpse.contracts.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Status of an import task. */
public enum TaskStatus {
    PENDING,
    PROCESSING,
    SUCCESS,
    FAILURE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static TaskStatus fromWire(String value) {
        return WireEnums.parse(TaskStatus.class, value);
    }
}
