package io.glimpse.contracts.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Status of an image membership, changed only by the member itself. */
public enum MemberStatus {
    PENDING,
    ACCEPTED,
    REJECTED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static MemberStatus fromWire(String value) {
        return WireEnums.parse(MemberStatus.class, value);
    }
}
