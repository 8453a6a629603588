package io.glimpse.catalog.policy;

import io.glimpse.policy.Credentials;
import io.glimpse.policy.protection.Operation;
import io.glimpse.policy.protection.PropertyProtections;
import io.glimpse.support.security.Caller;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Property protections as the catalog applies them (glance-v2-api.md §12): only to additional
 * properties, and everything is allowed when no protection file is configured.
 */
public final class PropertyRules {
    private final Optional<PropertyProtections> protections;

    private PropertyRules(Optional<PropertyProtections> protections) {
        this.protections = protections;
    }

    public static PropertyRules enforcing(PropertyProtections protections) {
        return new PropertyRules(Optional.of(protections));
    }

    public static PropertyRules unrestricted() {
        return new PropertyRules(Optional.empty());
    }

    public boolean allows(Caller caller, String property, Operation operation) {
        return protections
                .map(rules -> rules.allowed(property, operation, ImagePolicy.credentials(caller)))
                .orElse(true);
    }

    /** The additional properties this caller may read; the others are silently left out. */
    public Map<String, String> readable(Caller caller, Map<String, String> properties) {
        if (protections.isEmpty()) {
            return properties;
        }
        Credentials credentials = ImagePolicy.credentials(caller);
        Map<String, String> readable = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (protections.get().allowed(key, Operation.READ, credentials)) {
                readable.put(key, value);
            }
        });
        return readable;
    }
}
