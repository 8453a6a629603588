package io.glimpse.policy.protection;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What is done to an image property; each protection section grants each one separately. */
public enum Operation {
    CREATE,
    READ,
    UPDATE,
    DELETE;

    /** The key used in the protection file, e.g. {@code create}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Operation> fromKey(String key) {
        return Arrays.stream(values()).filter(op -> op.key().equals(key)).findFirst();
    }
}
