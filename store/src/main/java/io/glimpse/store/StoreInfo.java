package io.glimpse.store;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code GET /v2/info/stores} (id, description, default) and of {@code
 * /v2/info/stores/detail} (plus type, weight, properties). On the wire Glance writes the default
 * flag as the string {@code "default": "true"} and leaves it out for the others.
 */
public record StoreInfo(
        String id,
        Optional<String> description,
        boolean isDefault,
        int weight,
        StoreKind kind,
        Map<String, Object> properties) {

    public StoreInfo {
        properties = Map.copyOf(properties);
    }
}
