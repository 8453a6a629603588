package io.glimpse.catalog.mapping;

import io.glimpse.catalog.domain.MetadefNamespace;
import io.glimpse.catalog.domain.MetadefQuery;
import io.glimpse.support.error.GlimpseException;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The query of a metadef listing (namespaces or tags): limit (default 25, at most 1000), marker, sort, filters. */
public final class MetadefQueryParser {
    private static final int DEFAULT_LIMIT = 25;
    private static final int MAX_LIMIT = 1000;

    private MetadefQueryParser() {}

    /** @param sortKeys the sort keys this listing accepts */
    public static MetadefQuery parse(MultivaluedMap<String, String> parameters, Set<String> sortKeys) {
        int limit = DEFAULT_LIMIT;
        String rawLimit = parameters.getFirst("limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit);
            } catch (NumberFormatException e) {
                throw new GlimpseException.BadRequest("limit param must be an integer");
            }
            if (limit < 0) {
                throw new GlimpseException.BadRequest("limit param must be positive");
            }
            limit = Math.min(limit, MAX_LIMIT);
        }
        String sortDir = Optional.ofNullable(parameters.getFirst("sort_dir")).orElse("desc");
        if (!sortDir.equals("asc") && !sortDir.equals("desc")) {
            throw new GlimpseException.BadRequest("Invalid sort direction: " + sortDir);
        }
        String sortKey = Optional.ofNullable(parameters.getFirst("sort_key")).orElse("created_at");
        if (!sortKeys.contains(sortKey)) {
            throw new GlimpseException.BadRequest("Invalid sort key: " + sortKey + ". It must be one of the following: "
                    + String.join(", ", sortKeys.stream().sorted().toList()) + ".");
        }
        Optional<String> visibility = Optional.ofNullable(parameters.getFirst("visibility"));
        visibility.ifPresent(value -> {
            if (!value.equals(MetadefNamespace.PUBLIC) && !value.equals(MetadefNamespace.PRIVATE)) {
                throw new GlimpseException.BadRequest("Invalid visibility value: " + value);
            }
        });
        List<String> resourceTypes = Optional.ofNullable(parameters.getFirst("resource_types"))
                .map(value -> Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(type -> !type.isEmpty())
                        .toList())
                .orElse(List.of());
        return new MetadefQuery(
                limit,
                Optional.ofNullable(parameters.getFirst("marker")),
                sortKey,
                sortDir.equals("asc"),
                visibility,
                resourceTypes);
    }
}
