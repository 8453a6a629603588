package io.glimpse.contracts.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Image status as Glance spells it on the wire. */
public enum ImageStatus {
    QUEUED,
    SAVING,
    ACTIVE,
    KILLED,
    DELETED,
    UPLOADING,
    IMPORTING,
    PENDING_DELETE,
    DEACTIVATED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static ImageStatus fromWire(String value) {
        return WireEnums.parse(ImageStatus.class, value);
    }
}
