package io.glimpse.imports.mapping;

import io.glimpse.imports.domain.Task;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of a task, in the three shapes Glance answers (glance-v2-api.md §8.6, §1.5), each with the import's
 * progress added.
 */
public final class TaskRepresentation {
    private static final DateTimeFormatter API_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    /** {@code /v2/images/{id}/tasks} shows database rows: microseconds, no zone. */
    private static final DateTimeFormatter ROW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private TaskRepresentation() {}

    /** {@code GET /v2/tasks/{id}}. */
    public static Map<String, Object> full(Task task) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", task.id);
        json.put("input", task.input);
        json.put("type", task.type);
        json.put("status", task.status.wire());
        json.put("owner", task.owner);
        json.put("message", task.message);
        json.put("result", task.result);
        json.put("created_at", apiTime(task.createdAt));
        json.put("updated_at", apiTime(task.updatedAt));
        json.put("self", "/v2/tasks/" + task.id);
        json.put("schema", "/v2/schemas/task");
        putIfSet(json, "image_id", task.imageId);
        putIfSet(json, "request_id", task.requestId);
        putIfSet(json, "user_id", task.userId);
        putIfSet(json, "expires_at", task.expiresAt == null ? null : apiTime(task.expiresAt));
        json.put("progress", task.progress.phases());
        return json;
    }

    /** An entry of {@code GET /v2/tasks}: no input, result or message. */
    public static Map<String, Object> stub(Task task) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", task.id);
        json.put("type", task.type);
        json.put("status", task.status.wire());
        json.put("owner", task.owner);
        json.put("created_at", apiTime(task.createdAt));
        json.put("updated_at", apiTime(task.updatedAt));
        json.put("self", "/v2/tasks/" + task.id);
        json.put("schema", "/v2/schemas/task");
        putIfSet(json, "expires_at", task.expiresAt == null ? null : apiTime(task.expiresAt));
        return json;
    }

    /** An entry of {@code GET /v2/images/{id}/tasks}: Glance's database row. */
    public static Map<String, Object> row(Task task) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", task.id);
        json.put("type", task.type);
        json.put("status", task.status.wire());
        json.put("owner", task.owner);
        json.put("expires_at", task.expiresAt == null ? null : rowTime(task.expiresAt));
        json.put("created_at", rowTime(task.createdAt));
        json.put("updated_at", rowTime(task.updatedAt));
        json.put("deleted_at", null);
        json.put("deleted", false);
        json.put("image_id", task.imageId);
        json.put("request_id", task.requestId);
        json.put("user_id", task.userId);
        json.put("input", task.input);
        json.put("result", task.result);
        json.put("message", task.message);
        json.put("progress", task.progress.phases());
        return json;
    }

    private static void putIfSet(Map<String, Object> json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    private static String apiTime(OffsetDateTime time) {
        return API_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    private static String rowTime(OffsetDateTime time) {
        return ROW_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
