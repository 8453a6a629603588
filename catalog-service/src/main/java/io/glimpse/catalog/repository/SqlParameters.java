package io.glimpse.catalog.repository;

import java.util.LinkedHashMap;
import java.util.Map;

/** The bind parameters of one native statement being built: every value goes in as {@code :pN}, never as text. */
final class SqlParameters {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** @return the placeholder standing for {@code value} in the statement */
    String bind(Object value) {
        String name = "p" + values.size();
        values.put(name, value);
        return ":" + name;
    }

    Map<String, Object> values() {
        return values;
    }
}
