package io.glimpse.catalog.mapping;

import io.glimpse.support.error.GlimpseException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The operator's typed additional properties (Glance's {@code schema-image.json}): served in the
 * image schema with {@code is_base: false} and enforced on create and PATCH. Supports the JSON-schema
 * keywords that file uses: {@code type} (one name or a list), {@code enum}, {@code pattern},
 * {@code minLength}/{@code maxLength}; {@code required} comes from the extended format.
 */
public final class ExtraPropertySchema {
    private final Map<String, Map<String, Object>> definitions;
    private final List<String> required;
    private final Map<String, Pattern> patterns = new LinkedHashMap<>();

    public ExtraPropertySchema(Map<String, Map<String, Object>> definitions, List<String> required) {
        this.definitions = Map.copyOf(definitions);
        this.required = List.copyOf(required);
        definitions.forEach((name, definition) -> {
            if (definition.get("pattern") instanceof String regex) {
                patterns.put(name, Pattern.compile(regex));
            }
        });
    }

    /**
     * Reads the parsed file: either {@code {"name": {...}, ...}} or the extended
     * {@code {"properties": {...}, "required": [...]}}.
     */
    @SuppressWarnings("unchecked")
    public static ExtraPropertySchema of(Map<String, Object> file) {
        if (file.get("properties") instanceof Map<?, ?> properties) {
            Object required = file.getOrDefault("required", List.of());
            return new ExtraPropertySchema((Map<String, Map<String, Object>>) properties, (List<String>) required);
        }
        return new ExtraPropertySchema((Map<String, Map<String, Object>>) (Map<?, ?>) file, List.of());
    }

    public static ExtraPropertySchema none() {
        return new ExtraPropertySchema(Map.of(), List.of());
    }

    public boolean defines(String name) {
        return definitions.containsKey(name);
    }

    public Map<String, Map<String, Object>> definitions() {
        return definitions;
    }

    public List<String> required() {
        return required;
    }

    /** @return the value to store (a string, or null where the type allows it) */
    public String validate(String name, Object value) {
        Map<String, Object> definition = definitions.get(name);
        List<?> types = definition.get("type") instanceof List<?> list
                ? list
                : List.of(definition.getOrDefault("type", "string"));
        if (value == null) {
            if (types.contains("null")) {
                return null;
            }
            throw invalid(name, "None is not of type " + types);
        }
        String text = switch (value) {
            case String string when types.contains("string") -> string;
            case Boolean flag when types.contains("boolean") -> String.valueOf(flag);
            case Number number when types.contains("integer") || types.contains("number") -> String.valueOf(number);
            default -> throw invalid(name, describe(value) + " is not of type " + types);
        };
        if (definition.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
            throw invalid(name, describe(value) + " is not one of " + allowed);
        }
        Pattern pattern = patterns.get(name);
        if (pattern != null && !pattern.matcher(text).find()) {
            throw invalid(name, describe(value) + " does not match '" + pattern.pattern() + "'");
        }
        if (definition.get("maxLength") instanceof Number max && text.length() > max.intValue()) {
            throw invalid(name, describe(value) + " is too long");
        }
        if (definition.get("minLength") instanceof Number min && text.length() < min.intValue()) {
            throw invalid(name, describe(value) + " is too short");
        }
        return text;
    }

    private static GlimpseException.BadRequest invalid(String name, String problem) {
        return new GlimpseException.BadRequest(
                "Provided object does not match schema 'image': " + problem + " (property '" + name + "').");
    }

    static String describe(Object value) {
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }
}
