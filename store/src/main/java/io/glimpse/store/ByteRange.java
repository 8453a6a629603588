package io.glimpse.store;

import java.util.OptionalLong;

/**
 * An inclusive byte range as HTTP writes it ({@code bytes=first-last} or {@code bytes=first-}).
 * Suffix ranges ({@code bytes=-n}) are resolved by the caller, who knows the image size.
 *
 * <p>A {@code lastByte} past the end of the data is clipped to the end, as HTTP does; a {@code
 * firstByte} at or past the end makes the read fail with {@link RangeNotSatisfiableException}.
 */
public record ByteRange(long firstByte, OptionalLong lastByte) {

    public ByteRange {
        if (firstByte < 0) {
            throw new IllegalArgumentException("firstByte must be >= 0: " + firstByte);
        }
        if (lastByte.isPresent() && lastByte.getAsLong() < firstByte) {
            throw new IllegalArgumentException(
                    "lastByte " + lastByte.getAsLong() + " is before firstByte " + firstByte);
        }
    }

    /** {@code bytes=first-}: from {@code firstByte} to the end. */
    public static ByteRange from(long firstByte) {
        return new ByteRange(firstByte, OptionalLong.empty());
    }

    /** {@code bytes=first-last}, both inclusive. */
    public static ByteRange between(long firstByte, long lastByte) {
        return new ByteRange(firstByte, OptionalLong.of(lastByte));
    }

    /** Number of bytes asked for, when bounded. */
    public OptionalLong length() {
        return lastByte.isPresent() ? OptionalLong.of(lastByte.getAsLong() - firstByte + 1) : OptionalLong.empty();
    }
}
