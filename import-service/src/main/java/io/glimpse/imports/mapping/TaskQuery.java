package io.glimpse.imports.mapping;

import io.glimpse.contracts.model.TaskStatus;

import java.util.Optional;

/**
 * A validated {@code GET /v2/tasks} query.
 *
 * @param sortKey the entity field to sort by
 */
public record TaskQuery(
        int limit,
        Optional<String> marker,
        String sortKey,
        boolean ascending,
        Optional<TaskStatus> status,
        Optional<String> type,
        Optional<String> owner) {}
