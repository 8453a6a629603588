package io.glimpse.catalog.domain;

import io.glimpse.contracts.model.ImageStatus;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the status with its wire spelling, so SQL and the API read the same words. */
@Converter(autoApply = true)
public class ImageStatusConverter implements AttributeConverter<ImageStatus, String> {
    @Override
    public String convertToDatabaseColumn(ImageStatus status) {
        return status == null ? null : status.wire();
    }

    @Override
    public ImageStatus convertToEntityAttribute(String value) {
        return value == null ? null : ImageStatus.fromWire(value);
    }
}
