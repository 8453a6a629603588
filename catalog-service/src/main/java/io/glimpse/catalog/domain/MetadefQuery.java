package io.glimpse.catalog.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A page of a metadef listing: namespaces (with their filters) or a namespace's tags.
 *
 * @param sortKey       a column name the listing accepts
 * @param marker        the name of the last item of the previous page
 * @param visibility    namespaces only: {@code public} or {@code private}
 * @param resourceTypes namespaces only: associated with any of these
 */
public record MetadefQuery(
        int limit,
        Optional<String> marker,
        String sortKey,
        boolean ascending,
        Optional<String> visibility,
        List<String> resourceTypes) {

    /** The sort keys a namespace listing accepts (API name → entity field). */
    public static final Map<String, String> NAMESPACE_SORT_KEYS =
            Map.of("created_at", "createdAt", "updated_at", "updatedAt", "namespace", "namespace", "id", "id");

    /** The sort keys a tag listing accepts (API name → entity field). */
    public static final Map<String, String> TAG_SORT_KEYS =
            Map.of("created_at", "createdAt", "updated_at", "updatedAt", "name", "name", "id", "id");
}
