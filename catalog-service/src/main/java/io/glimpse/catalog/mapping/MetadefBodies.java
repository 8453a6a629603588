package io.glimpse.catalog.mapping;

import io.glimpse.catalog.domain.MetadefInput;
import io.glimpse.catalog.domain.MetadefNamespace;
import io.glimpse.contracts.event.EventJson;
import io.glimpse.support.error.GlimpseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads metadef request bodies and definition files, with the checks of Glance's {@code /v2/schemas/metadefs/*}
 * (required fields, types, lengths, no unknown fields): a body that does not match is a 400 naming what is wrong.
 */
@ApplicationScoped
public class MetadefBodies {
    private static final int NAME_MAX = 80;
    private static final Set<String> NAMESPACE_FIELDS = Set.of(
            "namespace",
            "display_name",
            "description",
            "visibility",
            "protected",
            "owner",
            "resource_type_associations",
            "properties",
            "objects",
            "tags",
            "created_at",
            "updated_at",
            "schema",
            "self");
    private static final Set<String> READ_ONLY = Set.of("created_at", "updated_at", "schema", "self");
    private static final Set<String> OBJECT_FIELDS =
            Set.of("name", "description", "required", "properties", "created_at", "updated_at", "schema", "self");
    private static final Set<String> TYPES = Set.of("array", "boolean", "integer", "number", "object", "string");
    private static final Set<String> PROPERTY_FIELDS = Set.of(
            "name",
            "title",
            "description",
            "operators",
            "type",
            "required",
            "minimum",
            "maximum",
            "maxLength",
            "minLength",
            "pattern",
            "enum",
            "readonly",
            "default",
            "items",
            "maxItems",
            "minItems",
            "uniqueItems",
            "additionalItems");

    /** A namespace for POST (and a definitions file): every field, with its contents. */
    public MetadefInput.Namespace namespace(Object body) {
        Map<String, Object> fields = object(body, "namespace");
        allowed(fields, NAMESPACE_FIELDS, "namespace");
        String name = name(fields, "namespace", "namespace");
        List<MetadefInput.Association> associations = new ArrayList<>();
        for (Object association : list(fields, "resource_type_associations", "namespace")) {
            associations.add(association(association, true));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        object(fields.getOrDefault("properties", Map.of()), "namespace")
                .forEach((key, value) ->
                        properties.put(checkName(key, "property"), propertySchema(value, "namespace", true)));
        List<MetadefInput.DefinedObject> objects = new ArrayList<>();
        for (Object object : list(fields, "objects", "namespace")) {
            objects.add(object(object, true));
        }
        Set<String> tags = new LinkedHashSet<>();
        for (Object tag : list(fields, "tags", "namespace")) {
            tags.add(tagName(tag, true));
        }
        return new MetadefInput.Namespace(
                name,
                optionalString(fields, "display_name", NAME_MAX, "namespace"),
                optionalString(fields, "description", 500, "namespace"),
                visibility(fields),
                bool(fields, "protected", "namespace"),
                optionalString(fields, "owner", 255, "namespace"),
                associations,
                properties,
                objects,
                List.copyOf(tags));
    }

    /** A namespace for PUT: the namespace's own fields; its contents are changed through their own routes. */
    public MetadefInput.Namespace namespaceUpdate(Object body) {
        MetadefInput.Namespace parsed = namespace(body);
        return new MetadefInput.Namespace(
                parsed.namespace(),
                parsed.displayName(),
                parsed.description(),
                parsed.visibility(),
                parsed.isProtected(),
                parsed.owner(),
                List.of(),
                Map.of(),
                List.of(),
                List.of());
    }

    public MetadefInput.DefinedObject object(Object body) {
        return object(body, false);
    }

    /**
     * @param nested inside a namespace body, where Glance's schema lets any further field through (a client that
     *     PUTs back what it read sends the objects' times and links), so they are ignored rather than refused
     */
    private MetadefInput.DefinedObject object(Object body, boolean nested) {
        Map<String, Object> fields = object(body, "object");
        if (!nested) {
            allowed(fields, OBJECT_FIELDS, "object");
        }
        String name = name(fields, "name", "object");
        Optional<String> required = Optional.empty();
        if (fields.get("required") != null) {
            required = Optional.of(EventJson.write(stringArray(fields.get("required"), "object", "required")));
        }
        Optional<String> properties = Optional.empty();
        if (fields.get("properties") != null) {
            Map<String, Object> schemas = new LinkedHashMap<>();
            object(fields.get("properties"), "object").forEach((key, value) -> {
                checkName(key, "property");
                schemas.put(key, EventJson.read(propertySchema(value, "object", true), Object.class));
            });
            properties = Optional.of(EventJson.write(schemas));
        }
        return new MetadefInput.DefinedObject(
                name, optionalString(fields, "description", Integer.MAX_VALUE, "object"), required, properties);
    }

    public MetadefInput.Property property(Object body) {
        Map<String, Object> fields = object(body, "property");
        String name = name(fields, "name", "property");
        Map<String, Object> schema = new LinkedHashMap<>(fields);
        schema.remove("name");
        return new MetadefInput.Property(name, propertySchema(schema, "property", false));
    }

    public MetadefInput.Association association(Object body) {
        return association(body, false);
    }

    private MetadefInput.Association association(Object body, boolean nested) {
        Map<String, Object> fields = object(body, "resource_type_association");
        if (!nested) {
            allowed(
                    fields,
                    Set.of("name", "prefix", "properties_target", "created_at", "updated_at"),
                    "resource_type_association");
        }
        return new MetadefInput.Association(
                name(fields, "name", "resource_type_association"),
                optionalString(fields, "prefix", NAME_MAX, "resource_type_association"),
                optionalString(fields, "properties_target", NAME_MAX, "resource_type_association"));
    }

    /** The body of {@code POST …/tags}: {@code {"tags": [{"name": …}, …]}}, duplicates refused. */
    public List<String> tags(Object body) {
        Map<String, Object> fields = object(body, "tags");
        allowed(fields, Set.of("tags"), "tags");
        Set<String> names = new LinkedHashSet<>();
        for (Object tag : list(fields, "tags", "tags")) {
            String name = tagName(tag, false);
            if (!names.add(name)) {
                throw new GlimpseException.Conflict("Duplicate tag name " + name + " in the request.");
            }
        }
        return List.copyOf(names);
    }

    /** The body of {@code PUT …/tags/{name}}: the new name. */
    public String tag(Object body) {
        return tagName(body, false);
    }

    public String checkName(String name, String what) {
        if (name == null || name.isEmpty() || name.length() > NAME_MAX) {
            throw new GlimpseException.BadRequest(
                    "Provided object does not match schema '" + what + "': the name must be 1 to 80 characters");
        }
        return name;
    }

    private String tagName(Object tag, boolean nested) {
        Map<String, Object> fields = object(tag, "tag");
        if (!nested) {
            allowed(fields, Set.of("name", "created_at", "updated_at"), "tag");
        }
        return name(fields, "name", "tag");
    }

    /** A property schema (§13.3) written back as JSON text with the client's key order; {@code name} not included. */
    private String propertySchema(Object value, String schema, boolean nested) {
        Map<String, Object> fields = object(value, schema);
        if (!nested) {
            allowed(fields, PROPERTY_FIELDS, "property");
        }
        for (String required : List.of("title", "type")) {
            if (!fields.containsKey(required)) {
                throw invalid("property", "'" + required + "' is a required property");
            }
        }
        if (!(fields.get("title") instanceof String)) {
            throw invalid("property", "'title' must be a string");
        }
        Object type = fields.get("type");
        if (type != null && !(type instanceof String t && TYPES.contains(t))) {
            throw invalid(
                    "property",
                    "'type' must be one of " + TYPES.stream().sorted().toList() + " or null");
        }
        for (String number : List.of("minimum", "maximum")) {
            if (fields.containsKey(number) && !(fields.get(number) instanceof Number)) {
                throw invalid("property", "'" + number + "' must be a number");
            }
        }
        for (String count : List.of("maxLength", "minLength", "maxItems", "minItems")) {
            if (fields.containsKey(count) && !(fields.get(count) instanceof Integer n && n >= 0)) {
                throw invalid("property", "'" + count + "' must be a non-negative integer");
            }
        }
        for (String flag : List.of("readonly", "uniqueItems", "additionalItems")) {
            if (fields.containsKey(flag) && !(fields.get(flag) instanceof Boolean)) {
                throw invalid("property", "'" + flag + "' must be a boolean");
            }
        }
        if (fields.containsKey("description") && !(fields.get("description") instanceof String)) {
            throw invalid("property", "'description' must be a string");
        }
        if (fields.containsKey("enum") && !(fields.get("enum") instanceof List<?>)) {
            throw invalid("property", "'enum' must be an array");
        }
        if (fields.containsKey("operators")) {
            stringArray(fields.get("operators"), "property", "operators");
        }
        if (fields.containsKey("required")) {
            stringArray(fields.get("required"), "property", "required");
        }
        if (fields.containsKey("pattern")) {
            if (!(fields.get("pattern") instanceof String pattern)) {
                throw invalid("property", "'pattern' must be a string");
            }
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw invalid("property", "'pattern' is not a regular expression: " + e.getDescription());
            }
        }
        if (fields.containsKey("items")) {
            Map<String, Object> items = object(fields.get("items"), "property");
            Object itemType = items.get("type");
            if (itemType != null && !(itemType instanceof String t && TYPES.contains(t))) {
                throw invalid(
                        "property",
                        "'items.type' must be one of " + TYPES.stream().sorted().toList());
            }
            if (items.containsKey("enum") && !(items.get("enum") instanceof List<?>)) {
                throw invalid("property", "'items.enum' must be an array");
            }
        }
        return EventJson.write(fields);
    }

    private static String visibility(Map<String, Object> fields) {
        Object value = fields.get("visibility");
        if (value == null) {
            return MetadefNamespace.PRIVATE;
        }
        if (!(value instanceof String visibility)
                || !(visibility.equals(MetadefNamespace.PUBLIC) || visibility.equals(MetadefNamespace.PRIVATE))) {
            throw invalid("namespace", "'visibility' must be 'public' or 'private'");
        }
        return visibility;
    }

    private String name(Map<String, Object> fields, String key, String schema) {
        Object value = fields.get(key);
        if (value == null) {
            throw invalid(schema, "'" + key + "' is a required property");
        }
        if (!(value instanceof String name) || name.isEmpty() || name.length() > NAME_MAX) {
            throw invalid(schema, "'" + key + "' must be a string of 1 to " + NAME_MAX + " characters");
        }
        return name;
    }

    private static Optional<String> optionalString(Map<String, Object> fields, String key, int max, String schema) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text) || text.length() > max) {
            throw invalid(schema, "'" + key + "' must be a string of at most " + max + " characters");
        }
        return Optional.of(text);
    }

    private static boolean bool(Map<String, Object> fields, String key, String schema) {
        Object value = fields.get(key);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw invalid(schema, "'" + key + "' must be a boolean");
        }
        return flag;
    }

    private static List<?> list(Map<String, Object> fields, String key, String schema) {
        Object value = fields.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(schema, "'" + key + "' must be an array");
        }
        return list;
    }

    private static List<String> stringArray(Object value, String schema, String key) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw invalid(schema, "'" + key + "' must be an array of strings");
        }
        if (new LinkedHashSet<>(list).size() != list.size()) {
            throw invalid(schema, "'" + key + "' has non-unique elements");
        }
        return list.stream().map(String.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object body, String schema) {
        if (!(body instanceof Map<?, ?> map)) {
            throw invalid(schema, "the body must be a JSON object");
        }
        return (Map<String, Object>) map;
    }

    /** Read-only attributes are a 403 as in Glance's deserializers; anything else unknown is a 400. */
    private static void allowed(Map<String, Object> fields, Set<String> names, String schema) {
        for (String key : fields.keySet()) {
            if (READ_ONLY.contains(key)) {
                throw new GlimpseException.Forbidden("Attribute '" + key + "' is read-only.");
            }
            if (!names.contains(key)) {
                throw invalid(schema, "Additional properties are not allowed ('" + key + "' was unexpected)");
            }
        }
    }

    private static GlimpseException.BadRequest invalid(String schema, String reason) {
        return new GlimpseException.BadRequest("Provided object does not match schema '" + schema + "': " + reason);
    }
}
