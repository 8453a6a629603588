package io.glimpse.catalog.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Metadata definitions as a client (or a definitions file) describes them, already validated. */
public final class MetadefInput {
    private MetadefInput() {}

    /**
     * A namespace, with the contents it may be created with (POST and definition files; PUT takes only the first
     * fields).
     *
     * @param owner      the owner asked for, if any; otherwise the caller's project
     * @param properties property name → schema as JSON text
     */
    public record Namespace(
            String namespace,
            Optional<String> displayName,
            Optional<String> description,
            String visibility,
            boolean isProtected,
            Optional<String> owner,
            List<Association> associations,
            Map<String, String> properties,
            List<DefinedObject> objects,
            List<String> tags) {}

    /** A resource type association: {@code name} is the resource type. */
    public record Association(String name, Optional<String> prefix, Optional<String> propertiesTarget) {}

    /**
     * @param requiredJson   the {@code required} list as JSON text, if given
     * @param propertiesJson the {@code properties} map as JSON text, if given
     */
    public record DefinedObject(
            String name,
            Optional<String> description,
            Optional<String> requiredJson,
            Optional<String> propertiesJson) {}

    /** @param schemaJson the property's schema without its name, as JSON text */
    public record Property(String name, String schemaJson) {}
}
