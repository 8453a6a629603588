package io.glimpse.catalog.repository;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns the {@code Image} entity maps, for native statements that load images. Never {@code select *}: the
 * table also holds columns the entity does not map (V8's {@code search_vector}), and Hibernate Reactive fails on a
 * result column it has no place for.
 */
final class ImageColumns {
    private static final List<String> MAPPED = List.of(
            "id",
            "name",
            "status",
            "visibility",
            "protected",
            "os_hidden",
            "owner",
            "checksum",
            "os_hash_algo",
            "os_hash_value",
            "size",
            "virtual_size",
            "disk_format",
            "container_format",
            "min_disk",
            "min_ram",
            "properties",
            "tags",
            "created_at",
            "updated_at",
            "deleted_at",
            "event_sequence",
            "locations");

    private ImageColumns() {}

    /** The mapped columns, each qualified with {@code alias} (e.g. {@code "i"}), or bare when it is empty. */
    static String of(String alias) {
        String prefix = alias.isEmpty() ? "" : alias + ".";
        return MAPPED.stream().map(column -> prefix + column).collect(Collectors.joining(", "));
    }
}
