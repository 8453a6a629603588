package io.glimpse.imports.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.imports.client.WebFetcher;
import io.glimpse.imports.config.ImportConfig;
import io.glimpse.imports.mapping.ExpectedDigest;
import io.glimpse.store.HashAlgorithm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The images of other regions, for glance-download (glance-v2-api.md §8.2): the region's image endpoint comes from
 * configuration (no Keystone catalog here), the remote image must be {@code active} and of a visibility the operator
 * allows, and what Glance copies is taken — disk and container format, and the properties whose names start with one
 * of the configured prefixes. Every fetch goes through {@link WebFetcher}: filtered and address-checked like a
 * web-download, the token sent to the region's own origin only.
 */
final class RemoteImages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int METADATA_LIMIT = 1024 * 1024;

    private final ImportConfig.GlanceDownload config;
    private final WebFetcher fetcher;

    RemoteImages(ImportConfig.GlanceDownload config, WebFetcher fetcher) {
        this.config = config;
        this.fetcher = fetcher;
    }

    /** One remote image, as this import takes it. */
    record Remote(
            String region,
            String id,
            String dataUrl,
            Map<String, String> headers,
            ImageChanges changes,
            List<ExpectedDigest> digests) {}

    Remote describe(Map<?, ?> method) {
        String region = String.valueOf(method.get("glance_region"));
        String id = String.valueOf(method.get("glance_image_id"));
        String facing = method.get("glance_service_interface") instanceof String given ? given : "public";
        String endpoint = endpoint(region, facing)
                .orElseThrow(() -> ImportFailure.noData(
                        "No image endpoint is configured for region " + region + " (interface " + facing + ")."));
        Map<String, String> headers = Optional.ofNullable(pairs(config.tokens()).get(region))
                .map(token -> Map.of("X-Auth-Token", token))
                .orElse(Map.of());
        String imageUrl = endpoint + "/v2/images/" + id;
        JsonNode image;
        try {
            image = JSON.readTree(fetcher.fetchSmall(imageUrl, headers, METADATA_LIMIT));
        } catch (IOException e) {
            throw ImportFailure.noData(
                    "Image " + id + " of region " + region + " cannot be described: " + e.getMessage());
        }
        if (!"active".equals(image.path("status").asText())) {
            throw ImportFailure.noData("Source image status should be active instead of "
                    + image.path("status").asText());
        }
        String visibility = image.path("visibility").asText();
        if (!config.visibilities().contains(visibility)) {
            throw ImportFailure.noData("Image " + id + " of region " + region + " is " + visibility + "; only "
                    + String.join(", ", config.visibilities()) + " images can be imported from another region here.");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        image.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual()
                    && config.extraProperties().stream().anyMatch(field.getKey()::startsWith)
                    && !field.getKey().startsWith("os_glance")) {
                properties.put(field.getKey(), field.getValue().asText());
            }
        });
        ImageChanges changes =
                new ImageChanges(text(image, "disk_format"), text(image, "container_format"), properties);
        List<ExpectedDigest> digests = new ArrayList<>();
        Optional.ofNullable(text(image, "checksum"))
                .ifPresent(md5 -> digests.add(new ExpectedDigest(HashAlgorithm.MD5, md5.toLowerCase(Locale.ROOT))));
        Optional.ofNullable(text(image, "os_hash_algo"))
                .flatMap(HashAlgorithm::fromName)
                .filter(algorithm -> algorithm != HashAlgorithm.MD5)
                .ifPresent(algorithm -> Optional.ofNullable(text(image, "os_hash_value"))
                        .ifPresent(hex -> digests.add(new ExpectedDigest(algorithm, hex.toLowerCase(Locale.ROOT)))));
        return new Remote(region, id, imageUrl + "/file", headers, changes, digests);
    }

    /** The endpoint of {@code region} for {@code facing} (an entry for the interface, else one for every interface). */
    private Optional<String> endpoint(String region, String facing) {
        Map<String, String> byKey = pairs(config.endpoints());
        return Optional.ofNullable(byKey.getOrDefault(region + "/" + facing, byKey.get(region)))
                .map(RemoteImages::stripSlash);
    }

    /** {@code key=value} entries of a list setting. */
    private static Map<String, String> pairs(Optional<List<String>> entries) {
        Map<String, String> byKey = new HashMap<>();
        for (String entry : entries.orElse(List.of())) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                byKey.put(
                        entry.substring(0, equals).strip(),
                        entry.substring(equals + 1).strip());
            }
        }
        return byKey;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String text(JsonNode image, String field) {
        JsonNode value = image.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
