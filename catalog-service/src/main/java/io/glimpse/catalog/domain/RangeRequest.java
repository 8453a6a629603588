package io.glimpse.catalog.domain;

import io.glimpse.store.ByteRange;
import io.glimpse.support.error.GlimpseException;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A download's single byte range as the client wrote it (§5.2): {@code bytes=a-b}, {@code bytes=a-} or the suffix
 * {@code bytes=-n}, or the legacy request header {@code Content-Range: bytes a-b/*}. Resolved against the image
 * size before the store is asked.
 */
public record RangeRequest(Optional<Long> first, Optional<Long> last, Optional<Long> suffix) {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    /**
     * @throws GlimpseException.BadRequest several ranges
     * @throws GlimpseException.RangeNotSatisfiable a malformed range
     */
    public static Optional<RangeRequest> parse(String range, String legacyContentRange) {
        if (range != null && !range.isBlank()) {
            String value = range.trim();
            if (value.contains(",")) {
                throw new GlimpseException.BadRequest("Multiple ranges are not supported.");
            }
            Matcher matcher = RANGE.matcher(value);
            if (!matcher.matches()
                    || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
                throw new GlimpseException.RangeNotSatisfiable("Invalid Range header: " + value);
            }
            if (matcher.group(1).isEmpty()) {
                return Optional.of(
                        new RangeRequest(Optional.empty(), Optional.empty(), Optional.of(number(matcher.group(2)))));
            }
            long first = number(matcher.group(1));
            Optional<Long> last = matcher.group(2).isEmpty() ? Optional.empty() : Optional.of(number(matcher.group(2)));
            if (last.isPresent() && last.get() < first) {
                throw new GlimpseException.RangeNotSatisfiable("Invalid Range header: " + value);
            }
            return Optional.of(new RangeRequest(Optional.of(first), last, Optional.empty()));
        }
        if (legacyContentRange != null && !legacyContentRange.isBlank()) {
            Matcher matcher = CONTENT_RANGE.matcher(legacyContentRange.trim());
            if (!matcher.matches() || number(matcher.group(2)) < number(matcher.group(1))) {
                throw new GlimpseException.RangeNotSatisfiable("Invalid Content-Range header: " + legacyContentRange);
            }
            return Optional.of(new RangeRequest(
                    Optional.of(number(matcher.group(1))), Optional.of(number(matcher.group(2))), Optional.empty()));
        }
        return Optional.empty();
    }

    /**
     * The inclusive range within {@code size} bytes; a last byte past the end is clipped.
     *
     * @throws GlimpseException.RangeNotSatisfiable the range starts at or past the end, or is an empty suffix
     */
    public ByteRange resolve(long size) {
        if (suffix.isPresent()) {
            if (suffix.get() == 0 || size == 0) {
                throw new GlimpseException.RangeNotSatisfiable("Requested range not satisfiable");
            }
            return ByteRange.between(Math.max(0, size - suffix.get()), size - 1);
        }
        long start = first.orElseThrow();
        if (start >= size) {
            throw new GlimpseException.RangeNotSatisfiable("Requested range not satisfiable");
        }
        return ByteRange.between(start, Math.min(last.orElse(size - 1), size - 1));
    }

    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new GlimpseException.RangeNotSatisfiable("Invalid range value: " + digits);
        }
    }
}
