package io.glimpse.catalog.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Image times in whole seconds (Glance shows no fractions, and listing markers compare them exactly). */
final class Clock {
    private Clock() {}

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }
}
