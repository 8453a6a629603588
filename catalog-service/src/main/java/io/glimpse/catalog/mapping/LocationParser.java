package io.glimpse.catalog.mapping;

import io.glimpse.catalog.domain.NewLocation;
import io.glimpse.catalog.domain.NewLocation.ValidationData;
import io.glimpse.catalog.domain.PatchOperation.Op;
import io.glimpse.support.error.GlimpseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Location values checked against Glance's schemas (400 on any mismatch): the {@code locations} items of the image
 * schema for PATCH (§7.2), and the body of {@code POST /v2/images/{id}/locations} (§7.3).
 */
@ApplicationScoped
public class LocationParser {
    private static final int MAX_URL_LENGTH = 255;
    private static final Set<String> PATCH_VALIDATION_KEYS = Set.of("checksum", "os_hash_algo", "os_hash_value");
    /** hashlib names the location API accepts, with their hex digest lengths. */
    private static final Map<String, Integer> API_HASH_LENGTHS =
            Map.of("md5", 32, "sha1", 40, "sha256", 64, "sha512", 128);

    /** The value of a PATCH location operation: one location for add, the whole list for replace. */
    Object patchValue(Op op, Object value) {
        if (op == Op.REPLACE) {
            if (!(value instanceof List<?> items)) {
                throw invalid("Invalid value for locations: must be a list of locations.");
            }
            List<NewLocation> parsed = new ArrayList<>();
            for (Object item : items) {
                parsed.add(patchLocation(item));
            }
            return List.copyOf(parsed);
        }
        return patchLocation(value);
    }

    /** The body of {@code POST /v2/images/{id}/locations}: {@code url}, optional {@code validation_data}. */
    public NewLocation apiBody(Object body) {
        if (!(body instanceof Map<?, ?> fields)) {
            throw invalid("Request body must be a JSON object.");
        }
        for (Object key : fields.keySet()) {
            if (!key.equals("url") && !key.equals("validation_data")) {
                throw invalid("Additional properties are not allowed ('" + key + "' was unexpected)");
            }
        }
        String url = url(fields.get("url"));
        Optional<ValidationData> validation = Optional.empty();
        if (fields.get("validation_data") != null) {
            if (!(fields.get("validation_data") instanceof Map<?, ?> data)) {
                throw invalid("validation_data must be an object.");
            }
            for (Object key : data.keySet()) {
                if (!key.equals("os_hash_algo") && !key.equals("os_hash_value")) {
                    throw invalid(
                            "Additional properties are not allowed in validation_data ('" + key + "' was unexpected)");
                }
            }
            if (!data.isEmpty()) {
                String algo = requiredString(data, "os_hash_algo", "validation_data");
                String value = requiredString(data, "os_hash_value", "validation_data");
                Integer length = API_HASH_LENGTHS.get(algo);
                if (length == null) {
                    throw invalid("os_hash_algo must be one of "
                            + API_HASH_LENGTHS.keySet().stream().sorted().toList() + ".");
                }
                if (value.length() != length || !isHex(value)) {
                    throw invalid(
                            "os_hash_value: " + value + " is not valid hexadecimal value for algorithm " + algo + ".");
                }
                validation = Optional.of(new ValidationData(Optional.empty(), algo, value.toLowerCase(Locale.ROOT)));
            }
        }
        return new NewLocation(url, Map.of(), validation);
    }

    private NewLocation patchLocation(Object value) {
        if (!(value instanceof Map<?, ?> fields)) {
            throw invalid("Invalid value for locations: each location must be an object with url and metadata.");
        }
        String url = url(fields.get("url"));
        if (!(fields.get("metadata") instanceof Map<?, ?> metadata)) {
            throw invalid("Invalid value for locations: 'metadata' is a required object.");
        }
        Map<String, Object> copied = new LinkedHashMap<>();
        metadata.forEach((key, item) -> copied.put(String.valueOf(key), item));
        Optional<ValidationData> validation = Optional.empty();
        if (fields.containsKey("validation_data")) {
            if (!(fields.get("validation_data") instanceof Map<?, ?> data)) {
                throw invalid("validation_data must be an object.");
            }
            for (Object key : data.keySet()) {
                if (!PATCH_VALIDATION_KEYS.contains(key)) {
                    throw invalid(
                            "Additional properties are not allowed in validation_data ('" + key + "' was unexpected)");
                }
            }
            Optional<String> checksum = Optional.empty();
            if (data.containsKey("checksum")) {
                checksum = Optional.of(requiredString(data, "checksum", "validation_data"));
            }
            validation = Optional.of(new ValidationData(
                    checksum,
                    requiredString(data, "os_hash_algo", "validation_data"),
                    requiredString(data, "os_hash_value", "validation_data")));
        }
        return new NewLocation(url, copied, validation);
    }

    private static String url(Object value) {
        if (!(value instanceof String url) || url.isEmpty()) {
            throw invalid("'url' is a required string.");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw invalid("'url' is longer than " + MAX_URL_LENGTH + " characters.");
        }
        return url;
    }

    private static String requiredString(Map<?, ?> fields, String key, String where) {
        if (!(fields.get(key) instanceof String text)) {
            throw invalid("'" + key + "' is a required string in " + where + ".");
        }
        return text;
    }

    static boolean isHex(String value) {
        try {
            HexFormat.of().parseHex(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static GlimpseException.BadRequest invalid(String message) {
        return new GlimpseException.BadRequest(message);
    }
}
