package io.glimpse.catalog.mapping;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.domain.ImageKeys;
import io.glimpse.catalog.domain.NewImage;
import io.glimpse.contracts.model.Visibility;
import io.glimpse.support.error.GlimpseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the body of {@code POST /v2/images} into a {@link NewImage}, with Glance's codes:
 * read-only and reserved keys → 403, schema violations → 400, quotas → 413 (glance-v2-api.md §2.2, §2.3, §3.1).
 */
@ApplicationScoped
public class NewImageParser {
    private static final Pattern UUID =
            Pattern.compile("^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$");

    private final CatalogConfig config;
    private final PropertyValues values;

    public NewImageParser(CatalogConfig config, PropertyValues values) {
        this.config = config;
        this.values = values;
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
            if (ImageKeys.READ_ONLY_AT_CREATE.contains(key)) {
                throw new GlimpseException.Forbidden("Attribute '" + key + "' is read-only.");
            }
            if (ImageKeys.isReserved(key)) {
                throw new GlimpseException.Forbidden("Attribute '" + key + "' is reserved.");
            }
            if (!ImageKeys.WRITABLE_BASE.contains(key)) {
                properties.put(key, values.additional(key, field.getValue()));
            }
        }
        for (String required : values.extra().required()) {
            if (!fields.containsKey(required)) {
                throw new GlimpseException.BadRequest(
                        "Provided object does not match schema 'image': '" + required + "' is a required property.");
            }
        }
        if (properties.keySet().stream().filter(ImageKeys::countsForQuota).count() > config.propertyQuota()) {
            throw new GlimpseException.TooLarge(
                    "Maximum number of properties (" + config.propertyQuota() + ") exceeded.");
        }
        List<String> tags = present(fields, "tags").map(values::tags).orElse(List.of());
        if (tags.size() > config.tagQuota()) {
            throw new GlimpseException.TooLarge("Maximum number of tags (" + config.tagQuota() + ") exceeded.");
        }
        return new NewImage(
                present(fields, "id").map(NewImageParser::checkedId),
                Optional.ofNullable(values.nullableString("name", fields.get("name"))),
                present(fields, "visibility").map(values::visibility).orElse(Visibility.SHARED),
                present(fields, "protected")
                        .map(value -> values.bool("protected", value))
                        .orElse(false),
                present(fields, "os_hidden")
                        .map(value -> values.bool("os_hidden", value))
                        .orElse(false),
                Optional.ofNullable(values.nullableString("owner", fields.get("owner"))),
                Optional.ofNullable(values.diskFormat(fields.get("disk_format"))),
                Optional.ofNullable(values.containerFormat(fields.get("container_format"))),
                present(fields, "min_disk")
                        .map(value -> values.nonNegativeInt("min_disk", value))
                        .orElse(0),
                present(fields, "min_ram")
                        .map(value -> values.nonNegativeInt("min_ram", value))
                        .orElse(0),
                tags,
                properties);
    }

    /** A key given with a non-null value; JSON null for these keys is a type error Glance's schema reports. */
    private static Optional<Object> present(Map<String, Object> fields, String key) {
        if (fields.containsKey(key) && fields.get(key) == null && !key.equals("id")) {
            throw new GlimpseException.BadRequest("Invalid value for '" + key + "': None is not valid.");
        }
        return Optional.ofNullable(fields.get(key));
    }

    private static String checkedId(Object value) {
        if (!(value instanceof String id) || !UUID.matcher(id).matches()) {
            throw new GlimpseException.BadRequest("Provided image id does not look like a UUID: " + value);
        }
        return id;
    }
}
