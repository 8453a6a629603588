package io.glimpse.catalog.repository;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageQuery;
import io.glimpse.catalog.domain.ImageQuery.Column;
import io.glimpse.catalog.domain.ImageQuery.SortKey;
import io.glimpse.contracts.event.EventJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the one SQL statement of a listing page: the visibility base set of glance-v2-api.md §4.5
 * ({@link VisibleImagesSql}), the filters of §4.4, and keyset pagination over the sort keys (§4.2). Every value is a bind
 * parameter; only whitelisted column names are spliced in.
 */
final class ImageListSql {
    private final List<String> where = new ArrayList<>();
    private final SqlParameters parameters = new SqlParameters();
    private final List<SortKey> sort;

    /**
     * @param scope  who lists: the caller's project and whether it is admin
     * @param marker the image the previous page ended with, if any
     */
    ImageListSql(ImageQuery query, ListScope scope, Image marker) {
        this.sort = query.sort();
        where.addAll(new VisibleImagesSql(scope, parameters)
                .conditions(query.visibility(), query.memberStatus(), query.osHidden()));
        // An empty in: list ("disk_format=in:") matches nothing, as in Glance; SQL has no empty "in ()".
        query.columns()
                .forEach(filter -> where.add(
                        filter.values().isEmpty()
                                ? "false"
                                : "i." + filter.column().sql() + " in ("
                                        + String.join(
                                                ", ",
                                                filter.values().stream()
                                                        .map(this::bind)
                                                        .toList()) + ")"));
        if (!query.tags().isEmpty()) {
            where.add("i.tags @> array["
                    + String.join(", ", query.tags().stream().map(this::bind).toList()) + "]::text[]");
        }
        query.sizeMin().ifPresent(min -> where.add("i.size >= " + bind(min)));
        query.sizeMax().ifPresent(max -> where.add("i.size <= " + bind(max)));
        query.dates()
                .forEach(date -> where.add("i." + date.column().sql() + " "
                        + switch (date.op()) {
                            case GT -> ">";
                            case GTE -> ">=";
                            case LT -> "<";
                            case LTE -> "<=";
                            case EQ -> "=";
                            case NEQ -> "<>";
                        }
                        + " " + bind(date.value())));
        query.isProtected().ifPresent(flag -> where.add("i.protected = " + bind(flag)));
        if (!query.properties().isEmpty()) {
            // Bound as text: a parameter typed jsonb would take the Java string as a JSON string scalar.
            where.add("i.properties @> cast(cast(" + bind(EventJson.write(query.properties())) + " as text) as jsonb)");
        }
        if (marker != null) {
            where.add(after(marker));
        }
    }

    String sql(int limit) {
        List<String> order = new ArrayList<>();
        sort.forEach(key ->
                sortExpressions(key.column()).forEach(e -> order.add(e + (key.ascending() ? " asc" : " desc"))));
        return "select " + ImageColumns.of("i") + " from images i where " + String.join(" and ", where) + " order by "
                + String.join(", ", order) + " limit " + limit;
    }

    Map<String, Object> parameters() {
        return parameters.values();
    }

    /**
     * The rows after the marker in the sort order. With one direction and a marker without NULLs this is a
     * row comparison a btree walks directly; otherwise the expanded form, aware that NULLs sort last
     * ascending and first descending.
     */
    private String after(Image marker) {
        boolean uniform =
                sort.stream().allMatch(k -> k.ascending() == sort.getFirst().ascending());
        boolean noNullInMarker = sort.stream().allMatch(k -> markerValue(k.column(), marker) != null);
        if (uniform && noNullInMarker) {
            List<String> expressions = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (SortKey key : sort) {
                expressions.addAll(sortExpressions(key.column()));
                if (!key.column().notNull()) {
                    values.add("false");
                }
                values.add(bind(markerValue(key.column(), marker)));
            }
            return "(" + String.join(", ", expressions) + ") "
                    + (sort.getFirst().ascending() ? ">" : "<") + " (" + String.join(", ", values) + ")";
        }
        List<String> alternatives = new ArrayList<>();
        List<String> equalSoFar = new ArrayList<>();
        for (int i = 0; i < sort.size(); i++) {
            SortKey key = sort.get(i);
            Object value = markerValue(key.column(), marker);
            String column = "i." + key.column().sql();
            String strictlyAfter = value == null
                    ? (key.ascending() ? "false" : column + " is not null")
                    : key.ascending()
                            ? "(" + column + " > " + bind(value) + " or " + column + " is null)"
                            : column + " < " + bind(value);
            List<String> alternative = new ArrayList<>(equalSoFar);
            alternative.add(strictlyAfter);
            alternatives.add("(" + String.join(" and ", alternative) + ")");
            if (i + 1 < sort.size()) {
                equalSoFar.add(value == null ? column + " is null" : column + " = " + bind(value));
            }
        }
        return "(" + String.join(" or ", alternatives) + ")";
    }

    /**
     * How a sort key orders: a nullable column as {@code (c is null), c}, which is exactly where PostgreSQL puts
     * NULLs by default (last ascending, first descending) but lets a keyset be one row comparison that the
     * {@code ((c is null), c, created_at, id)} indexes walk directly.
     */
    private static List<String> sortExpressions(Column column) {
        String name = "i." + column.sql();
        return column.notNull() ? List.of(name) : List.of("(" + name + " is null)", name);
    }

    private static Object markerValue(Column column, Image marker) {
        return switch (column) {
            case ID -> marker.id;
            case NAME -> marker.name;
            case STATUS -> marker.status.wire();
            case CONTAINER_FORMAT -> marker.containerFormat;
            case DISK_FORMAT -> marker.diskFormat;
            case SIZE -> marker.size;
            case CREATED_AT -> marker.createdAt;
            case UPDATED_AT -> marker.updatedAt;
            default -> throw new IllegalArgumentException("not a sort key: " + column);
        };
    }

    private String bind(Object value) {
        return parameters.bind(value);
    }
}
