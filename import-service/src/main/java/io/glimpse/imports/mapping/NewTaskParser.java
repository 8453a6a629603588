package io.glimpse.imports.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.support.error.GlimpseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Reads a {@code POST /v2/tasks} body with Glance's 400s: a body, a {@code type} of the task schema, an
 * {@code input}, and for {@code import} an {@code import_from} URL that passes the same filtering as web-download.
 */
@ApplicationScoped
public class NewTaskParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TYPES = List.of("import", "api_image_import");

    private final ImportUriFilter uriFilter;

    public NewTaskParser(ImportUriFilter uriFilter) {
        this.uriFilter = uriFilter;
    }

    public NewTask parse(String body) {
        if (body == null || body.isBlank()) {
            throw new GlimpseException.BadRequest("Body expected in request.");
        }
        Map<String, Object> task;
        try {
            if (!(JSON.readValue(body, Object.class) instanceof Map<?, ?>)) {
                throw new GlimpseException.BadRequest("The task must be a JSON object.");
            }
            task = JSON.readValue(body, new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            throw new GlimpseException.BadRequest("Malformed JSON in request body.");
        }
        if (!(task.get("type") instanceof String type)) {
            throw new GlimpseException.BadRequest("Task 'type' is required");
        }
        if (!TYPES.contains(type)) {
            throw new GlimpseException.BadRequest(
                    "Provided object does not match schema 'task': '" + type + "' is not one of " + TYPES);
        }
        if (!(task.get("input") instanceof Map<?, ?>)) {
            throw new GlimpseException.BadRequest("Task 'input' is required");
        }
        Map<String, Object> input = JSON.convertValue(task.get("input"), new TypeReference<>() {});
        if ("import".equals(type)) {
            Object from = input.get("import_from");
            if (!(from instanceof String uri)) {
                throw new GlimpseException.BadRequest("Invalid location: " + from);
            }
            if (!uriFilter.passes(uri)) {
                throw new GlimpseException.BadRequest("The given uri is not valid. Please specify a valid uri "
                        + "that passes the import filtering of this cloud: " + uri);
            }
        }
        return new NewTask(type, input);
    }
}
