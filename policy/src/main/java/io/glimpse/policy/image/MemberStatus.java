package io.glimpse.policy.image;

import java.util.Locale;

/** Status of an image membership. Any status makes a shared image visible by id (§9). */
public enum MemberStatus {
    PENDING,
    ACCEPTED,
    REJECTED;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
