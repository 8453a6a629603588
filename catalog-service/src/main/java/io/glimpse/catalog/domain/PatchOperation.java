package io.glimpse.catalog.domain;

import java.util.Optional;

/**
 * One validated operation of a PATCH body (either media type). {@code path} is the single, decoded
 * segment of the JSON pointer (glance-v2-api.md §3.3); {@code value} is the parsed JSON value
 * (String, Boolean, Number, List or null), absent for {@code remove}.
 *
 * @param draft04  true for {@code application/openstack-images-v2.0-json-patch}, where {@code add} of an
 *                 existing key is a conflict
 * @param position for {@code add} and {@code remove} of {@code /locations/N}: {@code N} ({@code -} = the end);
 *                 a {@link NewLocation} (add) or a list of them (replace) is the value of a location operation
 */
public record PatchOperation(Op op, String path, Optional<Object> value, boolean draft04, Optional<String> position) {

    public boolean isLocations() {
        return path.equals("locations");
    }

    public enum Op {
        ADD,
        REPLACE,
        REMOVE
    }
}
