package io.glimpse.catalog.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.catalog.domain.ImageKeys;
import io.glimpse.catalog.domain.PatchOperation;
import io.glimpse.catalog.domain.PatchOperation.Op;
import io.glimpse.support.error.GlimpseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The body of {@code PATCH /v2/images/{id}} in either media type → validated {@link PatchOperation}s,
 * with Glance's deserializer rules (glance-v2-api.md §3.3): structure and JSON pointers → 400,
 * read-only and reserved roots → 403, values checked against the image schema → 400. Every operation is
 * validated before any is applied.
 */
@ApplicationScoped
public class PatchParser {
    public static final String JSON_PATCH_V21 = "application/openstack-images-v2.1-json-patch";
    public static final String JSON_PATCH_V20 = "application/openstack-images-v2.0-json-patch";
    public static final String ACCEPT_PATCH = JSON_PATCH_V20 + ", " + JSON_PATCH_V21;
    private static final Pattern ADJACENT_SLASHES = Pattern.compile("/\\s*?/");
    private static final Pattern BAD_TILDE = Pattern.compile("~[^01]");

    private final ObjectMapper json;
    private final PropertyValues values;
    private final LocationParser locations;

    public PatchParser(ObjectMapper json, PropertyValues values, LocationParser locations) {
        this.json = json;
        this.values = values;
        this.locations = locations;
    }

    /** The media type is not one of the two patch types: 415, answered with {@code Accept-Patch}. */
    public static class UnsupportedPatchType extends GlimpseException.UnsupportedMediaType {
        public UnsupportedPatchType(String type) {
            super("Unsupported Content-Type " + type);
        }
    }

    public List<PatchOperation> parse(String contentType, String body) {
        boolean draft04 = mediaType(contentType);
        Object parsed;
        try {
            parsed = body == null || body.isBlank() ? null : json.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw new GlimpseException.BadRequest("Malformed JSON in request body.");
        }
        if (!(parsed instanceof List<?> items)) {
            throw new GlimpseException.BadRequest("Request body must be a JSON array of operation objects.");
        }
        List<PatchOperation> operations = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> raw)) {
                throw new GlimpseException.BadRequest("Operations must be JSON objects.");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) raw;
            operations.add(draft04 ? draft04(fields) : draft10(fields));
        }
        return operations;
    }

    private static boolean mediaType(String contentType) {
        String type =
                contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case JSON_PATCH_V20 -> true;
            case JSON_PATCH_V21 -> false;
            default -> throw new UnsupportedPatchType(contentType);
        };
    }

    private PatchOperation draft10(Map<String, Object> fields) {
        if (!(fields.get("op") instanceof String name)) {
            throw new GlimpseException.BadRequest("Unable to find 'op' in JSON Schema change");
        }
        Op op = op(name).orElseThrow(() -> new GlimpseException.BadRequest(
                "Invalid operation: `" + name + "`: must be one of add, remove, replace."));
        if (!(fields.get("path") instanceof String path)) {
            throw new GlimpseException.BadRequest("Unable to find 'path' in JSON Schema change");
        }
        return operation(op, path, fields, false);
    }

    private PatchOperation draft04(Map<String, Object> fields) {
        List<Op> found = new ArrayList<>();
        for (Op op : Op.values()) {
            if (fields.containsKey(op.name().toLowerCase(Locale.ROOT))) {
                found.add(op);
            }
        }
        if (found.size() != 1) {
            throw new GlimpseException.BadRequest("Operation objects must contain exactly one member named "
                    + "\"add\", \"remove\", or \"replace\".");
        }
        Op op = found.getFirst();
        if (!(fields.get(op.name().toLowerCase(Locale.ROOT)) instanceof String path)) {
            throw new GlimpseException.BadRequest("Unable to find path in JSON Schema change");
        }
        return operation(op, path, fields, true);
    }

    private PatchOperation operation(Op op, String pointer, Map<String, Object> fields, boolean draft04) {
        List<String> path = decode(pointer);
        String root = path.getFirst();
        int depth = !root.equals("locations") ? 1 : op == Op.REPLACE ? 1 : 2;
        if (path.size() != depth) {
            throw new GlimpseException.BadRequest(
                    "Invalid JSON pointer for this resource: '/" + String.join("/", path) + "'");
        }
        if (ImageKeys.READ_ONLY_IN_PATCH.contains(root)) {
            throw new GlimpseException.Forbidden("Attribute '" + root + "' is read-only.");
        }
        if (!root.equals("locations") && ImageKeys.isReserved(root)) {
            throw new GlimpseException.Forbidden("Attribute '" + root + "' is reserved.");
        }
        Optional<String> position = path.size() == 2 ? Optional.of(path.get(1)) : Optional.empty();
        if (op == Op.REMOVE) {
            return new PatchOperation(op, root, Optional.empty(), draft04, position);
        }
        if (!fields.containsKey("value")) {
            throw new GlimpseException.BadRequest(
                    "Operation \"" + op.name().toLowerCase(Locale.ROOT) + "\" requires a member named \"value\".");
        }
        Object value = root.equals("locations")
                ? locations.patchValue(op, fields.get("value"))
                : value(root, fields.get("value"));
        return new PatchOperation(op, root, Optional.ofNullable(value), draft04, position);
    }

    /** The value as stored: validated against the image schema for {@code {root: value}}. */
    private Object value(String root, Object value) {
        return switch (root) {
            case "name", "owner" -> values.nullableString(root, value);
            case "visibility" -> values.visibility(value);
            case "protected", "os_hidden" -> values.bool(root, value);
            case "tags" -> values.tags(value);
            case "disk_format" -> values.diskFormat(value);
            case "container_format" -> values.containerFormat(value);
            case "min_disk", "min_ram" -> values.nonNegativeInt(root, value);
            default -> values.additional(root, value);
        };
    }

    /** Glance's limited JSON pointers: one leading '/', no empty or trailing segments, '~' only as ~0/~1. */
    static List<String> decode(String pointer) {
        if (!pointer.startsWith("/")) {
            throw new GlimpseException.BadRequest("Pointer `" + pointer + "` does not start with \"/\".");
        }
        if (ADJACENT_SLASHES.matcher(pointer.substring(1)).find()) {
            throw new GlimpseException.BadRequest("Pointer `" + pointer + "` contains adjacent \"/\".");
        }
        if (pointer.length() > 1 && pointer.endsWith("/")) {
            throw new GlimpseException.BadRequest("Pointer `" + pointer + "` end with \"/\".");
        }
        if (pointer.substring(1).isBlank()) {
            throw new GlimpseException.BadRequest("Pointer `" + pointer + "` does not contains valid token.");
        }
        if (BAD_TILDE.matcher(pointer).find() || pointer.endsWith("~")) {
            throw new GlimpseException.BadRequest(
                    "Pointer `" + pointer + "` contains \"~\" not part of a recognized escape sequence.");
        }
        List<String> segments = new ArrayList<>();
        for (String part : pointer.substring(1).split("/", -1)) {
            segments.add(part.replace("~1", "/").replace("~0", "~").strip());
        }
        return segments;
    }

    private static Optional<Op> op(String name) {
        for (Op op : Op.values()) {
            if (op.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
