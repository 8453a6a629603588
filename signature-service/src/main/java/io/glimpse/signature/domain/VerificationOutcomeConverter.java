package io.glimpse.signature.domain;

import io.glimpse.contracts.model.VerificationOutcome;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the outcome with its wire spelling, so SQL, the API and the events read the same words. */
@Converter(autoApply = true)
public class VerificationOutcomeConverter implements AttributeConverter<VerificationOutcome, String> {
    @Override
    public String convertToDatabaseColumn(VerificationOutcome outcome) {
        return outcome == null ? null : outcome.wire();
    }

    @Override
    public VerificationOutcome convertToEntityAttribute(String value) {
        return value == null ? null : VerificationOutcome.fromWire(value);
    }
}
