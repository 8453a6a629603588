package io.glimpse.contracts.error;

import java.util.Map;

/** Reason phrases as webob writes them into {@code code} and {@code title}. */
public final class HttpReasons {
    private static final Map<Integer, String> PHRASES = Map.ofEntries(
            Map.entry(300, "Multiple Choices"),
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"),
            Map.entry(409, "Conflict"),
            Map.entry(410, "Gone"),
            Map.entry(411, "Length Required"),
            Map.entry(413, "Request Entity Too Large"),
            Map.entry(415, "Unsupported Media Type"),
            Map.entry(416, "Requested Range Not Satisfiable"),
            Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private HttpReasons() {}

    public static String phrase(int status) {
        return PHRASES.getOrDefault(status, "Error");
    }
}
