package io.glimpse.catalog.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One copy of an image's data (Glance's location: url, metadata, status).
 *
 * @param url      the store's location URL ({@code file:///…/<id>}, {@code s3://bucket/<id>}); shown only to callers
 *                 allowed to see locations (show_multiple_locations, §7.1)
 * @param storeId  the id of the store holding it (Glance's {@code metadata.store})
 * @param status   {@code active} once the data is complete
 * @param metadata what the client gave with the location (PATCH, §7.2); empty for uploads
 */
public record ImageLocation(
        @JsonProperty("url") String url,
        @JsonProperty("store") String storeId,
        @JsonProperty("status") String status,
        @JsonProperty("metadata") Map<String, Object> metadata) {

    public ImageLocation {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static ImageLocation active(String url, String storeId) {
        return new ImageLocation(url, storeId, "active", Map.of());
    }

    public ImageLocation withMetadata(Map<String, Object> replacement) {
        return new ImageLocation(url, storeId, status, replacement);
    }

    /** The metadata as Glance shows it: the client's, with {@code store} naming the store (multi-store). */
    public Map<String, Object> shownMetadata() {
        Map<String, Object> shown = new LinkedHashMap<>(metadata);
        shown.put("store", storeId);
        return shown;
    }
}
