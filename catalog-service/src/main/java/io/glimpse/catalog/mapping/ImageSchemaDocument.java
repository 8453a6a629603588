package io.glimpse.catalog.mapping;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.contracts.model.ImageStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2/schemas/image} and {@code /v2/schemas/images} (glance-v2-api.md §2.2, §13.1): Glance's base
 * properties with the configured formats, plus the operator's typed properties marked {@code is_base: false}.
 */
@ApplicationScoped
public class ImageSchemaDocument {
    private static final String UUID_PATTERN =
            "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$";

    private final Map<String, Object> image;
    private final Map<String, Object> images;

    public ImageSchemaDocument(CatalogConfig config, PropertyValues values) {
        this.image = image(config, values.extra());
        this.images = images(image);
    }

    public Map<String, Object> image() {
        return image;
    }

    public Map<String, Object> images() {
        return images;
    }

    private static Map<String, Object> image(CatalogConfig config, ExtraPropertySchema extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", prop("string", "An identifier for the image", "pattern", UUID_PATTERN));
        properties.put("name", prop(List.of("null", "string"), "Descriptive name for the image", "maxLength", 255));
        properties.put(
                "status",
                readOnly(prop(
                        "string",
                        "Status of the image",
                        "enum",
                        Arrays.stream(ImageStatus.values())
                                .map(ImageStatus::wire)
                                .toList())));
        properties.put(
                "visibility",
                prop(
                        "string",
                        "Scope of image accessibility",
                        "enum",
                        List.of("community", "public", "private", "shared")));
        properties.put("protected", prop("boolean", "If true, image will not be deletable."));
        properties.put("os_hidden", prop("boolean", "If true, image will not appear in default image list response."));
        properties.put(
                "checksum", readOnly(prop(List.of("null", "string"), "md5 hash of image contents.", "maxLength", 32)));
        properties.put(
                "os_hash_algo",
                readOnly(prop(List.of("null", "string"), "Algorithm to calculate the os_hash_value", "maxLength", 64)));
        properties.put(
                "os_hash_value",
                readOnly(prop(
                        List.of("null", "string"),
                        "Hexdigest of the image contents using the algorithm specified by the os_hash_algo",
                        "maxLength",
                        128)));
        properties.put("owner", prop(List.of("null", "string"), "Owner of the image", "maxLength", 255));
        properties.put("size", readOnly(prop(List.of("null", "integer"), "Size of image file in bytes")));
        properties.put("virtual_size", readOnly(prop(List.of("null", "integer"), "Virtual size of image in bytes")));
        properties.put(
                "container_format",
                prop(
                        List.of("null", "string"),
                        "Format of the container",
                        "enum",
                        withNull(config.containerFormats())));
        properties.put(
                "disk_format",
                prop(List.of("null", "string"), "Format of the disk", "enum", withNull(config.diskFormats())));
        properties.put("created_at", readOnly(prop("string", "Date and time of image registration")));
        properties.put("updated_at", readOnly(prop("string", "Date and time of the last image modification")));
        properties.put(
                "tags",
                prop(
                        "array",
                        "List of strings related to the image",
                        "items",
                        Map.of("type", "string", "maxLength", 255)));
        properties.put("direct_url", readOnly(prop("string", "URL to access the image file kept in external store")));
        properties.put(
                "min_ram",
                prop(
                        "integer",
                        "Amount of ram (in MB) required to boot image.",
                        "minimum",
                        0,
                        "maximum",
                        Integer.MAX_VALUE));
        properties.put(
                "min_disk",
                prop(
                        "integer",
                        "Amount of disk space (in GB) required to boot image.",
                        "minimum",
                        0,
                        "maximum",
                        Integer.MAX_VALUE));
        properties.put("self", readOnly(prop("string", "An image self url")));
        properties.put("file", readOnly(prop("string", "An image file url")));
        properties.put(
                "stores",
                readOnly(
                        prop(
                                "string",
                                "Store in which image data resides.  Only present when the "
                                        + "operator has enabled multiple stores.  May be a comma-separated list of store identifiers.")));
        properties.put("schema", readOnly(prop("string", "An image schema url")));
        properties.put(
                "locations",
                prop(
                        "array",
                        "A set of URLs to access the image file kept in external store",
                        "items",
                        Map.of(
                                "type",
                                "object",
                                "required",
                                List.of("url", "metadata"),
                                "properties",
                                Map.of(
                                        "url", Map.of("type", "string", "maxLength", 255),
                                        "metadata", Map.of("type", "object"),
                                        "validation_data",
                                                Map.of(
                                                        "type",
                                                        "object",
                                                        "writeOnly",
                                                        true,
                                                        "additionalProperties",
                                                        false,
                                                        "properties",
                                                        Map.of(
                                                                "checksum",
                                                                        Map.of(
                                                                                "type",
                                                                                "string",
                                                                                "minLength",
                                                                                32,
                                                                                "maxLength",
                                                                                32),
                                                                "os_hash_algo",
                                                                        Map.of("type", "string", "maxLength", 64),
                                                                "os_hash_value",
                                                                        Map.of("type", "string", "maxLength", 128)),
                                                        "required",
                                                        List.of("os_hash_algo", "os_hash_value"))))));
        extra.definitions().forEach((name, definition) -> {
            Map<String, Object> typed = new LinkedHashMap<>(definition);
            typed.put("is_base", false);
            properties.put(name, typed);
        });
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", "image");
        schema.put("properties", properties);
        schema.put("additionalProperties", Map.of("type", "string"));
        if (!extra.required().isEmpty()) {
            schema.put("required", extra.required());
        }
        schema.put(
                "links", List.of(link("self", "{self}"), link("enclosure", "{file}"), link("describedby", "{schema}")));
        return java.util.Collections.unmodifiableMap(schema);
    }

    private static Map<String, Object> images(Map<String, Object> image) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("images", Map.of("type", "array", "items", image));
        properties.put("schema", Map.of("type", "string"));
        properties.put("first", Map.of("type", "string"));
        properties.put("next", Map.of("type", "string"));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", "images");
        schema.put("properties", properties);
        schema.put("links", List.of(link("first", "{first}"), link("next", "{next}"), link("describedby", "{schema}")));
        return schema;
    }

    private static Map<String, Object> prop(Object type, String description, Object... more) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("type", type);
        property.put("description", description);
        for (int i = 0; i < more.length; i += 2) {
            property.put((String) more[i], more[i + 1]);
        }
        return property;
    }

    private static Map<String, Object> readOnly(Map<String, Object> property) {
        property.put("readOnly", true);
        return property;
    }

    private static List<Object> withNull(List<String> values) {
        List<Object> all = new ArrayList<>();
        all.add(null);
        all.addAll(values);
        return all;
    }

    private static Map<String, String> link(String rel, String href) {
        return Map.of("rel", rel, "href", href);
    }
}
