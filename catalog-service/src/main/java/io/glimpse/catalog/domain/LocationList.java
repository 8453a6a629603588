package io.glimpse.catalog.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The persisted form of an image's locations: a JSON object holding the ordered list (see V5). */
public record LocationList(@JsonProperty("items") List<ImageLocation> items) {

    public LocationList {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
