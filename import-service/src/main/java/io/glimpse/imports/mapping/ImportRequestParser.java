package io.glimpse.imports.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.imports.config.ImportConfig;
import io.glimpse.support.error.GlimpseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads an import request body and refuses what Glance refuses before it even looks at the image (400), in Glance's
 * order: no body, not JSON, no {@code method} or {@code method.name}, a method that is not enabled, non-boolean
 * flags, a malformed {@code stores}, and the method's own parameters.
 */
@ApplicationScoped
public class ImportRequestParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImportConfig config;
    private final ImportUriFilter uriFilter;

    public ImportRequestParser(ImportConfig config, ImportUriFilter uriFilter) {
        this.config = config;
        this.uriFilter = uriFilter;
    }

    public ImportRequest parse(String body) {
        Map<String, Object> raw = object(body);
        if (!(raw.get("method") instanceof Map<?, ?> method)) {
            throw new GlimpseException.BadRequest("Import request requires a 'method' field.");
        }
        if (!(method.get("name") instanceof String name)) {
            throw new GlimpseException.BadRequest("Import request requires a 'name' field.");
        }
        if (!config.methods().contains(name)) {
            throw new GlimpseException.BadRequest("Unknown import method name '" + name + "'.");
        }
        Boolean allStores = flag(raw, "all_stores");
        Boolean mustSucceed = flag(raw, "all_stores_must_succeed");
        List<String> stores = stores(raw);
        String uri = null;
        if ("web-download".equals(name)) {
            uri = method.get("uri") instanceof String given ? given : null;
            if (uri == null || !uriFilter.passes(uri)) {
                throw new GlimpseException.BadRequest("URI for web-download does not pass filtering: " + uri);
            }
            ExpectedDigest.of(method);
        } else if (method.containsKey(ExpectedDigest.FIELD)) {
            throw new GlimpseException.BadRequest("validation_data is only accepted with web-download.");
        }
        if ("glance-download".equals(name)) {
            requireRemoteImage(method);
        }
        return new ImportRequest(name, uri, stores, allStores, mustSucceed == null || mustSucceed, raw);
    }

    private static Map<String, Object> object(String body) {
        if (body == null || body.isBlank()) {
            throw new GlimpseException.BadRequest("Body expected in request.");
        }
        Object parsed;
        try {
            parsed = JSON.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw new GlimpseException.BadRequest("Malformed JSON in request body.");
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new GlimpseException.BadRequest("The import request must be a JSON object.");
        }
        return JSON.convertValue(parsed, new TypeReference<Map<String, Object>>() {});
    }

    private static Boolean flag(Map<String, Object> raw, String key) {
        if (!raw.containsKey(key)) {
            return null;
        }
        if (!(raw.get(key) instanceof Boolean value)) {
            throw new GlimpseException.BadRequest("'" + key + "' must be boolean value only");
        }
        return value;
    }

    private static List<String> stores(Map<String, Object> raw) {
        if (!raw.containsKey("stores")) {
            return null;
        }
        if (!(raw.get("stores") instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new GlimpseException.BadRequest("'stores' must be a list of store identifiers");
        }
        List<String> stores = new ArrayList<>();
        list.forEach(store -> stores.add((String) store));
        return stores;
    }

    private static void requireRemoteImage(Map<?, ?> method) {
        if (!(method.get("glance_image_id") instanceof String remote) || !looksLikeUuid(remote)) {
            throw new GlimpseException.BadRequest(
                    "Remote image id does not look like a UUID: " + method.get("glance_image_id"));
        }
        if (!(method.get("glance_region") instanceof String region) || region.isBlank()) {
            throw new GlimpseException.BadRequest("Import request requires a 'glance_region' field.");
        }
    }

    private static boolean looksLikeUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
