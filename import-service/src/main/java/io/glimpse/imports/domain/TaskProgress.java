package io.glimpse.imports.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.glimpse.contracts.event.ImportProgress;

import java.util.List;

/** A task's progress as its JSON column holds it: {@code {"phases": [...]}}. */
public record TaskProgress(@JsonProperty("phases") List<ImportProgress> phases) {

    public TaskProgress {
        phases = phases == null ? List.of() : List.copyOf(phases);
    }
}
