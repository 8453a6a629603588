package io.glimpse.catalog.domain;

import java.util.List;
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
        List<String> resourceTypes) {}
