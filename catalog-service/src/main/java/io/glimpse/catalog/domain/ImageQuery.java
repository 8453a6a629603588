package io.glimpse.catalog.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated listing request (glance-v2-api.md §4): filters, sort order, page size and marker.
 *
 * @param visibility   a visibility value or {@code all}; empty for the default set of §4.5
 * @param memberStatus a membership status or {@code all}; applies to shared images found through membership
 * @param osHidden     true lists only hidden images, false (the default) only visible ones
 */
public record ImageQuery(
        List<ColumnFilter> columns,
        Optional<String> visibility,
        String memberStatus,
        List<String> tags,
        Optional<Long> sizeMin,
        Optional<Long> sizeMax,
        List<DateFilter> dates,
        boolean osHidden,
        Optional<Boolean> isProtected,
        Map<String, String> properties,
        List<SortKey> sort,
        int limit,
        Optional<String> marker) {

    /** The image columns a listing may filter or sort by, with their SQL names and Java types. */
    public enum Column {
        ID("id", String.class),
        NAME("name", String.class),
        STATUS("status", String.class),
        CONTAINER_FORMAT("container_format", String.class),
        DISK_FORMAT("disk_format", String.class),
        OWNER("owner", String.class),
        CHECKSUM("checksum", String.class),
        OS_HASH_ALGO("os_hash_algo", String.class),
        OS_HASH_VALUE("os_hash_value", String.class),
        SIZE("size", Long.class),
        VIRTUAL_SIZE("virtual_size", Long.class),
        MIN_DISK("min_disk", Integer.class),
        MIN_RAM("min_ram", Integer.class),
        CREATED_AT("created_at", OffsetDateTime.class),
        UPDATED_AT("updated_at", OffsetDateTime.class);

        private final String sql;
        private final Class<?> type;

        Column(String sql, Class<?> type) {
            this.sql = sql;
            this.type = type;
        }

        public String sql() {
            return sql;
        }

        public Class<?> type() {
            return type;
        }

        /** Columns that are never null, so a keyset over them may use a plain row comparison. */
        public boolean notNull() {
            return this == ID
                    || this == STATUS
                    || this == CREATED_AT
                    || this == UPDATED_AT
                    || this == MIN_DISK
                    || this == MIN_RAM;
        }

        public static Optional<Column> fromSql(String name) {
            for (Column column : values()) {
                if (column.sql.equals(name)) {
                    return Optional.of(column);
                }
            }
            return Optional.empty();
        }
    }

    /** Equality with one of {@code values} (one value for {@code eq:}, several for {@code in:}). */
    public record ColumnFilter(Column column, List<Object> values) {}

    public enum DateOp {
        GT,
        GTE,
        LT,
        LTE,
        EQ,
        NEQ
    }

    public record DateFilter(Column column, DateOp op, OffsetDateTime value) {}

    public record SortKey(Column column, boolean ascending) {}
}
