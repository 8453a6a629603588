package io.glimpse.catalog.mapping;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.contracts.model.Visibility;
import io.glimpse.support.error.GlimpseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The image schema's value rules, shared by create and PATCH so both answer the same 400s
 * (glance-v2-api.md §2.2): base properties by their type, additional ones as strings unless the
 * operator's {@link ExtraPropertySchema} types them.
 */
@ApplicationScoped
public class PropertyValues {
    static final int MAX_NAME = 255;
    private static final long MAX_INT = Integer.MAX_VALUE;

    private final CatalogConfig config;
    private final ExtraPropertySchema extra;

    public PropertyValues(CatalogConfig config, ExtraPropertySchema extra) {
        this.config = config;
        this.extra = extra;
    }

    public ExtraPropertySchema extra() {
        return extra;
    }

    /** Validates an additional property; returns what is stored (a string, or null if its type allows). */
    public String additional(String key, Object value) {
        if (key.isEmpty() || key.length() > MAX_NAME) {
            throw new GlimpseException.BadRequest("Property name '" + key + "' must be 1 to 255 characters long.");
        }
        if (extra.defines(key)) {
            return extra.validate(key, value);
        }
        if (value instanceof String text) {
            return text;
        }
        throw new GlimpseException.BadRequest("Provided object does not match schema 'image': "
                + ExtraPropertySchema.describe(value) + " is not of type 'string' (property '" + key + "').");
    }

    public String nullableString(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw invalid(key, ExtraPropertySchema.describe(value) + " is not of type 'null', 'string'");
        }
        if (text.length() > MAX_NAME) {
            throw invalid(key, "'" + text + "' is too long (maximum " + MAX_NAME + ")");
        }
        return text;
    }

    public String diskFormat(Object value) {
        return oneOf("disk_format", nullableString("disk_format", value), config.diskFormats());
    }

    public String containerFormat(Object value) {
        return oneOf("container_format", nullableString("container_format", value), config.containerFormats());
    }

    public Visibility visibility(Object value) {
        try {
            return Visibility.fromWire(value instanceof String text ? text : String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw invalid("visibility", e.getMessage());
        }
    }

    public boolean bool(String key, Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw invalid(key, ExtraPropertySchema.describe(value) + " is not of type 'boolean'");
    }

    public int nonNegativeInt(String key, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            boolean fits = !(value instanceof BigInteger big) || big.bitLength() < 63;
            long number = ((Number) value).longValue();
            if (fits && number >= 0 && number <= MAX_INT) {
                return (int) number;
            }
        }
        throw invalid(key, ExtraPropertySchema.describe(value) + " must be an integer from 0 to " + MAX_INT);
    }

    /** Tags: an array of strings of at most 255 characters, de-duplicated (set semantics). */
    public List<String> tags(Object value) {
        if (!(value instanceof List<?> items)) {
            throw invalid("tags", ExtraPropertySchema.describe(value) + " is not of type 'array'");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (Object item : items) {
            unique.add(tag(item));
        }
        return new ArrayList<>(unique);
    }

    public String tag(Object item) {
        if (!(item instanceof String tag) || tag.length() > MAX_NAME) {
            throw invalid("tags", "every tag must be a string of at most " + MAX_NAME + " characters");
        }
        return tag;
    }

    private static String oneOf(String key, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw invalid(key, "'" + value + "' is not one of " + allowed);
        }
        return value;
    }

    private static GlimpseException.BadRequest invalid(String key, String problem) {
        return new GlimpseException.BadRequest("Invalid value for '" + key + "': " + problem + ".");
    }
}
