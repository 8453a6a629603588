package io.glimpse.contracts.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One location of an image's data: the URL a store handed out, and that store's id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StoredLocation(String url, String storeId) {}
