package io.glimpse.imports.mapping;

import java.util.Map;

/** A validated {@code POST /v2/tasks} body. */
public record NewTask(String type, Map<String, Object> input) {}
