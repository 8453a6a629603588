package io.glimpse.policy.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Image visibility as it appears on the wire and in policy targets ({@code %(visibility)s}). */
public enum ImageVisibility {
    PUBLIC,
    COMMUNITY,
    SHARED,
    PRIVATE;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImageVisibility> fromWireValue(String value) {
        return Arrays.stream(values()).filter(v -> v.wireValue().equals(value)).findFirst();
    }
}
