package io.glimpse.imports.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Locale;

/** Where a step of an import is; {@code done} and {@code failed} are final for the task. */
public enum StepStatus {
    DONE,
    FAILED;

    /** Stored lower-case, like every status of the service. */
    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<StepStatus, String> {
        @Override
        public String convertToDatabaseColumn(StepStatus status) {
            return status == null ? null : status.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public StepStatus convertToEntityAttribute(String value) {
            return value == null ? null : StepStatus.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
