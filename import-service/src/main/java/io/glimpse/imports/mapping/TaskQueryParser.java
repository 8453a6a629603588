package io.glimpse.imports.mapping;

import io.glimpse.contracts.model.TaskStatus;
import io.glimpse.support.error.GlimpseException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads {@code GET /v2/tasks} parameters, with Glance's 400s for each bad one. */
public final class TaskQueryParser {
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 1000;
    /** API sort keys and the task fields they sort. */
    private static final Map<String, String> SORT_KEYS = Map.of(
            "created_at", "createdAt", "updated_at", "updatedAt", "id", "id", "type", "type", "status", "status");

    private static final List<String> TYPES = List.of("import", "api_image_import", "location_import");

    private TaskQueryParser() {}

    public static TaskQuery parse(Map<String, List<String>> parameters) {
        return new TaskQuery(
                limit(first(parameters, "limit")),
                first(parameters, "marker").map(TaskQueryParser::marker),
                sortKey(first(parameters, "sort_key").orElse("created_at")),
                ascending(first(parameters, "sort_dir").orElse("desc")),
                first(parameters, "status").map(TaskQueryParser::status),
                first(parameters, "type").map(TaskQueryParser::type),
                first(parameters, "owner"));
    }

    private static Optional<String> first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    private static int limit(Optional<String> value) {
        if (value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.get().strip());
        } catch (NumberFormatException e) {
            throw new GlimpseException.BadRequest("limit param must be an integer");
        }
        if (limit < 0) {
            throw new GlimpseException.BadRequest("limit param must be positive");
        }
        return Math.min(limit, MAX_LIMIT);
    }

    private static String marker(String value) {
        try {
            UUID.fromString(value);
            return value.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new GlimpseException.BadRequest("Invalid marker format");
        }
    }

    private static String sortKey(String value) {
        String field = SORT_KEYS.get(value);
        if (field == null) {
            throw new GlimpseException.BadRequest("Sort key supplied was not valid.");
        }
        return field;
    }

    private static boolean ascending(String value) {
        return switch (value) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw new GlimpseException.BadRequest("Invalid sort direction: " + value);
        };
    }

    private static TaskStatus status(String value) {
        try {
            return TaskStatus.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw new GlimpseException.BadRequest("Invalid status value: " + value);
        }
    }

    private static String type(String value) {
        if (!TYPES.contains(value)) {
            throw new GlimpseException.BadRequest("Invalid type value: " + value);
        }
        return value;
    }
}
