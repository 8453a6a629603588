package io.glimpse.sharing.domain;

import io.glimpse.contracts.model.MemberStatus;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the member status with its wire spelling, so SQL and the API read the same words. */
@Converter(autoApply = true)
public class MemberStatusConverter implements AttributeConverter<MemberStatus, String> {
    @Override
    public String convertToDatabaseColumn(MemberStatus status) {
        return status == null ? null : status.wire();
    }

    @Override
    public MemberStatus convertToEntityAttribute(String value) {
        return value == null ? null : MemberStatus.fromWire(value);
    }
}
