package io.glimpse.catalog.mapping;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.domain.ImageQuery;
import io.glimpse.catalog.domain.ImageQuery.Column;
import io.glimpse.catalog.domain.ImageQuery.ColumnFilter;
import io.glimpse.catalog.domain.ImageQuery.DateFilter;
import io.glimpse.catalog.domain.ImageQuery.DateOp;
import io.glimpse.catalog.domain.ImageQuery.SortKey;
import io.glimpse.support.error.GlimpseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The query string of {@code GET /v2/images} → {@link ImageQuery}, with Glance's 400s (glance-v2-api.md §4). */
@ApplicationScoped
public class ImageQueryParser {
    private static final Set<String> OPERATOR_COLUMNS =
            Set.of("name", "id", "status", "container_format", "disk_format");
    private static final Set<String> SORT_KEYS =
            Set.of("name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at");
    private static final Set<String> VISIBILITIES = Set.of("public", "private", "shared", "community", "all");
    private static final Set<String> MEMBER_STATUSES = Set.of("pending", "accepted", "rejected", "all");
    private static final Set<String> PAGING = Set.of("limit", "marker", "sort", "sort_key", "sort_dir");

    private final CatalogConfig config;

    public ImageQueryParser(CatalogConfig config) {
        this.config = config;
    }

    public ImageQuery parse(Map<String, List<String>> params) {
        List<ColumnFilter> columns = new ArrayList<>();
        List<DateFilter> dates = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>();
        Optional<String> visibility = Optional.empty();
        String memberStatus = "accepted";
        Optional<Long> sizeMin = Optional.empty();
        Optional<Long> sizeMax = Optional.empty();
        boolean osHidden = false;
        Optional<Boolean> isProtected = Optional.empty();
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            String key = param.getKey();
            String value = param.getValue().getLast();
            switch (key) {
                case "changes-since" ->
                    throw new GlimpseException.BadRequest(
                            "The 'changes-since' filter is no longer available on the v2 API.");
                case "visibility" -> visibility = Optional.of(oneOf(key, value, VISIBILITIES));
                case "member_status" -> memberStatus = oneOf(key, value, MEMBER_STATUSES);
                case "tag" -> tags.addAll(param.getValue());
                case "size_min" -> sizeMin = Optional.of(number(key, value));
                case "size_max" -> sizeMax = Optional.of(number(key, value));
                // Glance lower-cases this one filter (openstacksdk sends os_hidden=True), not protected.
                case "os_hidden" -> osHidden = bool(key, value.toLowerCase(Locale.ROOT));
                case "protected" -> isProtected = Optional.of(bool(key, value));
                case "created_at", "updated_at" ->
                    dates.add(date(Column.fromSql(key).orElseThrow(), value));
                default -> {
                    if (PAGING.contains(key)) {
                        continue;
                    }
                    Optional<Column> column = Column.fromSql(key);
                    if (OPERATOR_COLUMNS.contains(key)) {
                        columns.add(new ColumnFilter(column.orElseThrow(), operatorValues(key, value)));
                    } else if (column.isPresent()) {
                        columns.add(new ColumnFilter(column.get(), List.of(typed(column.get(), key, value))));
                    } else {
                        properties.put(key, value);
                    }
                }
            }
        }
        return new ImageQuery(
                columns,
                visibility,
                memberStatus,
                tags,
                sizeMin,
                sizeMax,
                dates,
                osHidden,
                isProtected,
                properties,
                sort(params),
                limit(params),
                Optional.ofNullable(last(params, "marker")));
    }

    private int limit(Map<String, List<String>> params) {
        String value = last(params, "limit");
        if (value == null) {
            return config.listing().defaultLimit();
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit < 0) {
                throw new GlimpseException.BadRequest("limit param must be positive");
            }
            return Math.min(limit, config.listing().maxLimit());
        } catch (NumberFormatException e) {
            throw new GlimpseException.BadRequest("limit param must be an integer");
        }
    }

    /** Both sort forms (§4.3); {@code created_at} and {@code id} are appended as tie-breakers. */
    private static List<SortKey> sort(Map<String, List<String>> params) {
        List<String> keys = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        boolean classic = params.containsKey("sort_key") || params.containsKey("sort_dir");
        if (params.containsKey("sort")) {
            if (classic) {
                throw new GlimpseException.BadRequest(
                        "The 'sort' parameter cannot be combined with 'sort_key' or 'sort_dir'.");
            }
            for (String item : String.join(",", params.get("sort")).split(",")) {
                String[] parts = item.strip().split(":", -1);
                if (parts.length > 2 || parts[0].isEmpty()) {
                    throw new GlimpseException.BadRequest("Invalid sort parameter '" + item + "'.");
                }
                keys.add(sortKey(parts[0]));
                dirs.add(parts.length == 2 ? direction(parts[1]) : "desc");
            }
        } else if (classic) {
            params.getOrDefault("sort_key", List.of()).forEach(key -> keys.add(sortKey(key)));
            params.getOrDefault("sort_dir", List.of()).forEach(dir -> dirs.add(direction(dir)));
            if (keys.isEmpty()) {
                keys.add("created_at");
            }
            if (dirs.size() > 1 && dirs.size() != keys.size()) {
                throw new GlimpseException.BadRequest("Number of sort dirs does not match the number of sort keys");
            }
            if (dirs.size() == 1) {
                while (dirs.size() < keys.size()) {
                    dirs.add(dirs.getFirst());
                }
            }
        }
        if (keys.isEmpty()) {
            keys.add("created_at");
        }
        String tieBreak = dirs.size() == 1 ? dirs.getFirst() : "desc";
        while (dirs.size() < keys.size()) {
            dirs.add(tieBreak);
        }
        for (String tie : List.of("created_at", "id")) {
            if (!keys.contains(tie)) {
                keys.add(tie);
                dirs.add(tieBreak);
            }
        }
        List<SortKey> sort = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            sort.add(new SortKey(
                    Column.fromSql(keys.get(i)).orElseThrow(), dirs.get(i).equals("asc")));
        }
        return sort;
    }

    private static String sortKey(String key) {
        if (!SORT_KEYS.contains(key)) {
            throw new GlimpseException.BadRequest(
                    "Invalid sort key: " + key + ". It should be one of " + SORT_KEYS + ".");
        }
        return key;
    }

    private static String direction(String dir) {
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw new GlimpseException.BadRequest("Invalid sort direction: " + dir);
        }
        return dir;
    }

    /** {@code eq:x}, {@code in:a,"b,c"} or a bare value (§4.4). */
    private static List<Object> operatorValues(String key, String expression) {
        String[] opAndValue = splitOperator(expression);
        return switch (opAndValue[0]) {
            case "eq" -> List.of(opAndValue[1]);
            case "in" -> List.copyOf(InFilterValues.split(opAndValue[1]));
            default ->
                throw new GlimpseException.BadRequest(
                        "Unable to filter on a unknown operator '" + opAndValue[0] + "'.");
        };
    }

    private static DateFilter date(Column column, String expression) {
        String[] opAndValue = splitOperator(expression);
        DateOp op;
        try {
            op = DateOp.valueOf(opAndValue[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new GlimpseException.BadRequest("Unable to filter on a unknown operator '" + opAndValue[0] + "'.");
        }
        return new DateFilter(
                column,
                op,
                isoTime(opAndValue[1])
                        .orElseThrow(() -> new GlimpseException.BadRequest("Unable to filter by " + column.sql() + ": '"
                                + opAndValue[1] + "' is not an ISO 8601 time.")));
    }

    /** Glance's split_filter_op: the value splits at the first ':' unless the whole value is an ISO time. */
    private static String[] splitOperator(String expression) {
        int colon = expression.indexOf(':');
        if (colon < 0 || isoTime(expression).isPresent()) {
            return new String[] {"eq", expression};
        }
        return new String[] {expression.substring(0, colon), expression.substring(colon + 1)};
    }

    static Optional<OffsetDateTime> isoTime(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeException ignored) {
            // no offset means UTC (§1.5)
        }
        try {
            return Optional.of(LocalDateTime.parse(text).atOffset(ZoneOffset.UTC));
        } catch (DateTimeException ignored) {
            // a date alone is midnight UTC
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Object typed(Column column, String key, String value) {
        if (column.type() == String.class) {
            return value;
        }
        try {
            return column.type() == Long.class ? (Object) Long.parseLong(value) : (Object) Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new GlimpseException.BadRequest(
                    "Invalid value for filter '" + key + "': '" + value + "' is not a number.");
        }
    }

    private static long number(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new GlimpseException.BadRequest("Invalid value for " + key + ": '" + value + "' is not an integer.");
        }
    }

    private static boolean bool(String key, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new GlimpseException.BadRequest(
                        "Invalid value '" + value + "' for " + key + ": it must be true or false.");
        };
    }

    private static String oneOf(String key, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new GlimpseException.BadRequest("Invalid " + key + " value: " + value);
        }
        return value;
    }

    private static String last(Map<String, List<String>> params, String key) {
        List<String> values = params.get(key);
        return values == null || values.isEmpty() ? null : values.getLast();
    }
}
