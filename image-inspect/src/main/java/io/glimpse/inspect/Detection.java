package io.glimpse.inspect;

import java.util.Set;
import java.util.stream.Collectors;

/** What the content was recognised as: one format, or several at once (which is never accepted). */
public sealed interface Detection {

    /** Exactly one format matched, or none did and the content is {@link ImageFormat#RAW}. */
    record Identified(ImageFormat format) implements Detection {}

    /**
     * Several formats matched at once, e.g. a qcow2 header in an ISO's system area. oslo treats this
     * as an error because one header may be hiding another from whoever reads the image next.
     */
    record Ambiguous(Set<ImageFormat> formats) implements Detection {
        public Ambiguous {
            formats = Set.copyOf(formats);
        }

        /** The formats in declaration order, comma separated, for messages. */
        public String describe() {
            return formats.stream().sorted().map(ImageFormat::wireName).collect(Collectors.joining(", "));
        }
    }
}
