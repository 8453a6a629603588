package io.glimpse.contracts.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Image visibility; {@link #SHARED} is the default at create. */
public enum Visibility {
    PUBLIC,
    PRIVATE,
    SHARED,
    COMMUNITY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static Visibility fromWire(String value) {
        return WireEnums.parse(Visibility.class, value);
    }
}
