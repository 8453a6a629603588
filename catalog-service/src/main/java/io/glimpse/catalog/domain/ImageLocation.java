package io.glimpse.catalog.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One copy of an image's data (Glance's location: url, metadata.store, status).
 *
 * @param url     the store's location URL ({@code file:///…/<id>}, {@code s3://bucket/<id>}); never shown to users
 * @param storeId the id of the store holding it
 * @param status  {@code active} once the data is complete
 */
public record ImageLocation(@JsonProperty("url") String url, @JsonProperty("store") String storeId,
                            @JsonProperty("status") String status) {

    public static ImageLocation active(String url, String storeId) {
        return new ImageLocation(url, storeId, "active");
    }
}
