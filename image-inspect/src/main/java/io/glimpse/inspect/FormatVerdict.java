package io.glimpse.inspect;

import java.util.Objects;
import java.util.OptionalLong;

/** Whether uploaded content may be stored under its declared {@code disk_format}. */
public sealed interface FormatVerdict {

    /**
     * The content may be stored.
     *
     * @param virtualSize the value to record as the image's {@code virtual_size}: present only when
     *     the detected format is the declared one (Glance sets it only then) and its header has one
     */
    record Accepted(OptionalLong virtualSize) implements FormatVerdict {
        public Accepted {
            Objects.requireNonNull(virtualSize, "virtualSize");
        }
    }

    /** The content must be refused (Glance answers 415); the message is fit for the API user. */
    record Rejected(Reason reason, String message) implements FormatVerdict {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    enum Reason {
        /** The declared disk_format is not one the inspector knows. */
        UNKNOWN_DISK_FORMAT,
        /** Several formats matched at once. */
        AMBIGUOUS_CONTENT,
        /** The detected format failed a safety check (backing file, external extents, ...). */
        UNSAFE_CONTENT,
        /** The detected format is not the declared one. */
        FORMAT_MISMATCH
    }

    default boolean isAccepted() {
        return this instanceof Accepted;
    }
}
