package io.glimpse.catalog.mapping;

import io.glimpse.catalog.domain.MetadefAssociation;
import io.glimpse.catalog.domain.MetadefContents;
import io.glimpse.catalog.domain.MetadefNamespace;
import io.glimpse.catalog.domain.MetadefObject;
import io.glimpse.catalog.domain.MetadefProperty;
import io.glimpse.catalog.domain.MetadefResourceType;
import io.glimpse.catalog.domain.MetadefTag;
import io.glimpse.contracts.event.EventJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metadefs as Glance 25.1 shows them: absent fields left out, empty collections left out of a namespace, property
 * schemas in the order they were written, and the property prefix of a resource type applied when one is asked for.
 */
public final class MetadefRepresentation {
    private static final String NAMESPACES = "/v2/metadefs/namespaces/";

    private MetadefRepresentation() {}

    /** The namespace alone (create answers, PUT, list entries with their associations). */
    public static Map<String, Object> namespace(MetadefNamespace namespace, List<MetadefAssociation> associations) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("namespace", namespace.namespace);
        putIfPresent(json, "display_name", namespace.displayName);
        putIfPresent(json, "description", namespace.description);
        json.put("visibility", namespace.visibility);
        json.put("protected", namespace.isProtected);
        json.put("owner", namespace.owner);
        json.put("created_at", ImageRepresentation.time(namespace.createdAt));
        json.put("updated_at", ImageRepresentation.time(namespace.updatedAt));
        if (!associations.isEmpty()) {
            json.put(
                    "resource_type_associations",
                    associations.stream()
                            .map(MetadefRepresentation::association)
                            .toList());
        }
        json.put("self", NAMESPACES + namespace.namespace);
        json.put("schema", "/v2/schemas/metadefs/namespace");
        return json;
    }

    /**
     * The namespace with everything in it ({@code GET /namespaces/{ns}}).
     *
     * @param prefix prepended to every property name (the {@code resource_type} parameter's association), or ""
     */
    public static Map<String, Object> contents(MetadefContents contents, String prefix) {
        return contents(contents, prefix, false);
    }

    /** The answer to a create: Glance echoes the nested definitions as sent, without times and links. */
    public static Map<String, Object> created(MetadefContents contents) {
        return contents(contents, "", true);
    }

    private static Map<String, Object> contents(MetadefContents contents, String prefix, boolean echo) {
        Map<String, Object> namespace = namespace(contents.namespace(), List.of());
        Map<String, Object> json = new LinkedHashMap<>();
        namespace.forEach((key, value) -> {
            if (!key.equals("self") && !key.equals("schema")) {
                json.put(key, value);
            }
        });
        if (!contents.associations().isEmpty()) {
            json.put(
                    "resource_type_associations",
                    contents.associations().stream()
                            .map(association ->
                                    echo ? withoutTimes(association(association)) : association(association))
                            .toList());
        }
        if (!contents.properties().isEmpty()) {
            json.put("properties", properties(contents.properties(), prefix));
        }
        if (!contents.objects().isEmpty()) {
            json.put(
                    "objects",
                    contents.objects().stream()
                            .map(object -> {
                                Map<String, Object> shown = object(contents.namespace().namespace, object, prefix);
                                if (echo) {
                                    shown.keySet().removeAll(List.of("self", "schema"));
                                    return withoutTimes(shown);
                                }
                                return shown;
                            })
                            .toList());
        }
        if (!contents.tags().isEmpty()) {
            json.put(
                    "tags",
                    contents.tags().stream()
                            .map(tag -> Map.of("name", tag.name))
                            .toList());
        }
        json.put("self", namespace.get("self"));
        json.put("schema", namespace.get("schema"));
        return json;
    }

    private static Map<String, Object> withoutTimes(Map<String, Object> json) {
        json.keySet().removeAll(List.of("created_at", "updated_at"));
        return json;
    }

    public static Map<String, Object> association(MetadefAssociation association) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", association.resourceType);
        putIfPresent(json, "prefix", association.prefix);
        putIfPresent(json, "properties_target", association.propertiesTarget);
        json.put("created_at", ImageRepresentation.time(association.createdAt));
        json.put("updated_at", ImageRepresentation.time(association.updatedAt));
        return json;
    }

    public static Map<String, Object> resourceType(MetadefResourceType type) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", type.name);
        json.put("created_at", ImageRepresentation.time(type.createdAt));
        json.put("updated_at", ImageRepresentation.time(type.updatedAt));
        return json;
    }

    public static Map<String, Object> object(String namespace, MetadefObject object, String prefix) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", object.name);
        if (object.requiredJson != null) {
            json.put(
                    "required",
                    ((List<?>) EventJson.read(object.requiredJson, List.class))
                            .stream().map(name -> prefix + name).toList());
        }
        putIfPresent(json, "description", object.description);
        if (object.propertiesJson != null) {
            Map<String, Object> properties = new LinkedHashMap<>();
            readMap(object.propertiesJson).forEach((name, schema) -> properties.put(prefix + name, schema));
            json.put("properties", properties);
        }
        json.put("created_at", ImageRepresentation.time(object.createdAt));
        json.put("updated_at", ImageRepresentation.time(object.updatedAt));
        json.put("self", NAMESPACES + namespace + "/objects/" + object.name);
        json.put("schema", "/v2/schemas/metadefs/object");
        return json;
    }

    /** Name → schema, as the properties listing and a namespace show them. */
    public static Map<String, Object> properties(List<MetadefProperty> properties, String prefix) {
        Map<String, Object> json = new LinkedHashMap<>();
        properties.forEach(property -> json.put(prefix + property.name, readMap(property.schemaJson)));
        return json;
    }

    /** One property: its name first, then its schema. */
    public static Map<String, Object> property(MetadefProperty property) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", property.name);
        json.putAll(readMap(property.schemaJson));
        return json;
    }

    public static Map<String, Object> tag(MetadefTag tag) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", tag.name);
        json.put("created_at", ImageRepresentation.time(tag.createdAt));
        json.put("updated_at", ImageRepresentation.time(tag.updatedAt));
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readMap(String json) {
        return EventJson.read(json, LinkedHashMap.class);
    }

    private static void putIfPresent(Map<String, Object> json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
