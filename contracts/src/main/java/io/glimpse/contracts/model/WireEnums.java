package io.glimpse.contracts.model;

import java.util.Locale;

/** Parses the lower-case wire spelling of the enums in this package. */
public final class WireEnums {
    private WireEnums() {}

    /** @throws IllegalArgumentException naming the value and the allowed ones */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of " + allowed(type));
    }

    private static <E extends Enum<E>> String allowed(Class<E> type) {
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        return "[" + names + "]";
    }
}
