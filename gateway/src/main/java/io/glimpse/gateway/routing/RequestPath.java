package io.glimpse.gateway.routing;

import java.util.List;

/**
 * A request path split into its segments, empty ones kept: {@code /v2/images/} is
 * {@code [v2, images, ""]}, which is how a trailing slash or {@code //} is recognised.
 */
public record RequestPath(String value, List<String> segments) {

    public static RequestPath of(String path) {
        String withoutLeadingSlash = path.startsWith("/") ? path.substring(1) : path;
        return new RequestPath(path, List.of(withoutLeadingSlash.split("/", -1)));
    }

    public boolean hasEmptySegment() {
        return segments.stream().anyMatch(String::isEmpty);
    }

    public String first() {
        return segments.getFirst();
    }

    /** The path without its first segment, starting with {@code /} (empty when there is nothing left). */
    public String afterFirst() {
        int slash = value.indexOf('/', 1);
        return slash < 0 ? "" : value.substring(slash);
    }
}
