package io.glimpse.gateway.routing;

import java.util.List;

/**
 * A path pattern of literal segments, {@code *} (exactly one non-empty segment) and a final
 * {@code **} (any number of further segments, none included).
 */
public record PathPattern(String text, List<String> segments) {

    private static final String ONE = "*";
    private static final String ANY = "**";

    public static PathPattern parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("path pattern '" + text + "' must start with /");
        }
        List<String> segments = List.of(text.substring(1).split("/", -1));
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("path pattern '" + text + "' has an empty segment");
            }
            if (segment.equals(ANY) && i != segments.size() - 1) {
                throw new IllegalArgumentException("path pattern '" + text + "': ** must be the last segment");
            }
        }
        return new PathPattern(text, segments);
    }

    public boolean matches(RequestPath path) {
        List<String> actual = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            if (expected.equals(ANY)) {
                return true;
            }
            if (i >= actual.size()) {
                return false;
            }
            String segment = actual.get(i);
            boolean ok = expected.equals(ONE) ? !segment.isEmpty() : expected.equals(segment);
            if (!ok) {
                return false;
            }
        }
        return actual.size() == segments.size();
    }

    /** Whether the pattern's literal start is {@code prefix} (a first segment), e.g. to forbid {@code /internal}. */
    public boolean startsWithSegment(String prefix) {
        return segments.getFirst().equals(prefix);
    }

    @Override
    public String toString() {
        return text;
    }
}
