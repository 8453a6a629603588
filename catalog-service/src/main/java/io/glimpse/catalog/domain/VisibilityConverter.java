package io.glimpse.catalog.domain;

import io.glimpse.contracts.model.Visibility;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the visibility with its wire spelling. */
@Converter(autoApply = true)
public class VisibilityConverter implements AttributeConverter<Visibility, String> {
    @Override
    public String convertToDatabaseColumn(Visibility visibility) {
        return visibility == null ? null : visibility.wire();
    }

    @Override
    public Visibility convertToEntityAttribute(String value) {
        return value == null ? null : Visibility.fromWire(value);
    }
}
