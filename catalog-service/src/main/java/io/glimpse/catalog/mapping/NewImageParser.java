package io.glimpse.catalog.mapping;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.domain.NewImage;
import io.glimpse.contracts.model.Visibility;
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

/**
 * Turns the body of {@code POST /v2/images} into a {@link NewImage}, with Glance's codes:
 * read-only and reserved keys → 403, schema violations → 400, quotas → 413 (glance-v2-api.md §2.2, §2.3, §3.1).
 */
@ApplicationScoped
public class NewImageParser {
    private static final Pattern UUID = Pattern.compile(
            "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$");
    private static final Set<String> READ_ONLY = Set.of("direct_url", "self", "file", "schema", "stores", "status",
            "checksum", "os_hash_algo", "os_hash_value", "size", "virtual_size", "created_at", "updated_at");
    private static final Set<String> RESERVED = Set.of("location", "locations", "deleted", "deleted_at");
    private static final Set<String> BASE_KEYS = Set.of("id", "name", "visibility", "protected", "os_hidden", "tags",
            "disk_format", "container_format", "min_disk", "min_ram", "owner");
    private static final long MAX_INT = Integer.MAX_VALUE;

    private final CatalogConfig config;

    public NewImageParser(CatalogConfig config) {
        this.config = config;
    }

    public NewImage parse(Object body) {
        if (!(body instanceof Map<?, ?> raw)) {
            throw new GlimpseException.BadRequest("Body expected in request.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) raw;
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String key = field.getKey();
            if (READ_ONLY.contains(key)) {
                throw new GlimpseException.Forbidden("Attribute '" + key + "' is read-only.");
            }
            if (RESERVED.contains(key) || key.startsWith("os_glance")) {
                throw new GlimpseException.Forbidden("Attribute '" + key + "' is reserved.");
            }
            if (!BASE_KEYS.contains(key)) {
                properties.put(checkedPropertyName(key), additionalValue(key, field.getValue()));
            }
        }
        if (properties.size() > config.propertyQuota()) {
            throw new GlimpseException.TooLarge("Maximum number of properties (" + config.propertyQuota() + ") exceeded.");
        }
        List<String> tags = tags(fields.get("tags"));
        if (tags.size() > config.tagQuota()) {
            throw new GlimpseException.TooLarge("Maximum number of tags (" + config.tagQuota() + ") exceeded.");
        }
        return new NewImage(
                optionalString(fields, "id", 36).map(NewImageParser::checkedId),
                optionalString(fields, "name", 255),
                visibility(fields.get("visibility")),
                bool(fields, "protected"),
                bool(fields, "os_hidden"),
                optionalString(fields, "owner", 255),
                optionalString(fields, "disk_format", 32).map(value -> oneOf("disk_format", value, config.diskFormats())),
                optionalString(fields, "container_format", 32)
                        .map(value -> oneOf("container_format", value, config.containerFormats())),
                nonNegativeInt(fields, "min_disk"),
                nonNegativeInt(fields, "min_ram"),
                tags,
                properties);
    }

    private static String checkedId(String id) {
        if (!UUID.matcher(id).matches()) {
            throw new GlimpseException.BadRequest("Provided image id does not look like a UUID: " + id);
        }
        return id;
    }

    private static String checkedPropertyName(String key) {
        if (key.isEmpty() || key.length() > 255) {
            throw new GlimpseException.BadRequest("Property name '" + key + "' must be 1 to 255 characters long.");
        }
        return key;
    }

    private static String additionalValue(String key, Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw new GlimpseException.BadRequest("Provided object does not match schema 'image': "
                + describe(value) + " is not of type 'string' (property '" + key + "').");
    }

    private static Optional<String> optionalString(Map<String, Object> fields, String key, int maxLength) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new GlimpseException.BadRequest("Invalid value for '" + key + "': " + describe(value)
                    + " is not of type 'string'.");
        }
        if (text.length() > maxLength) {
            throw new GlimpseException.BadRequest("Invalid value for '" + key + "': '" + text
                    + "' is too long (maximum " + maxLength + ").");
        }
        return Optional.of(text);
    }

    private static String oneOf(String key, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new GlimpseException.BadRequest("Invalid value for '" + key + "': '" + value + "' is not one of "
                    + allowed + ".");
        }
        return value;
    }

    private static Visibility visibility(Object value) {
        if (value == null) {
            return Visibility.SHARED;
        }
        try {
            return Visibility.fromWire(value instanceof String text ? text : String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new GlimpseException.BadRequest("Invalid value for 'visibility': " + e.getMessage());
        }
    }

    private static boolean bool(Map<String, Object> fields, String key) {
        Object value = fields.get(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw new GlimpseException.BadRequest("Invalid value for '" + key + "': " + describe(value)
                + " is not of type 'boolean'.");
    }

    private static int nonNegativeInt(Map<String, Object> fields, String key) {
        Object value = fields.get(key);
        if (value == null) {
            return 0;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            long number = ((Number) value).longValue();
            boolean fits = !(value instanceof java.math.BigInteger big) || big.bitLength() < 63;
            if (fits && number >= 0 && number <= MAX_INT) {
                return (int) number;
            }
        }
        throw new GlimpseException.BadRequest("Invalid value for '" + key + "': " + describe(value)
                + " must be an integer from 0 to " + MAX_INT + ".");
    }

    private static List<String> tags(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new GlimpseException.BadRequest("Invalid value for 'tags': " + describe(value) + " is not of type 'array'.");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (Object item : items) {
            if (!(item instanceof String tag) || tag.length() > 255) {
                throw new GlimpseException.BadRequest("Invalid value for 'tags': every tag must be a string of at most 255 characters.");
            }
            unique.add(tag);
        }
        return new ArrayList<>(unique);
    }

    private static String describe(Object value) {
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }
}
