package io.glimpse.catalog.mapping;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.support.error.GlimpseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ten {@code /v2/schemas/metadefs/*} documents, as Glance 25.1 serves them (bundled under
 * {@code metadefs/schemas/}); the checks of {@link MetadefBodies} follow them.
 */
@ApplicationScoped
public class MetadefSchemaDocuments {
    private static final List<String> NAMES = List.of(
            "namespace",
            "namespaces",
            "resource_type",
            "resource_types",
            "object",
            "objects",
            "property",
            "properties",
            "tag",
            "tags");
    private final Map<String, Map<String, Object>> documents = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    public MetadefSchemaDocuments() {
        for (String name : NAMES) {
            try (InputStream in = getClass().getResourceAsStream("/metadefs/schemas/" + name + ".json")) {
                documents.put(
                        name,
                        EventJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), LinkedHashMap.class));
            } catch (IOException e) {
                throw new UncheckedIOException("bundled metadef schema " + name + " unreadable", e);
            }
        }
    }

    /** @throws GlimpseException.NotFound for a name that is not one of the ten */
    public Map<String, Object> schema(String name) {
        Map<String, Object> document = documents.get(name);
        if (document == null) {
            throw new GlimpseException.NotFound("The resource could not be found.");
        }
        return document;
    }
}
