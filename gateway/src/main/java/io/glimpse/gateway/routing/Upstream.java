package io.glimpse.gateway.routing;

import java.net.URI;
import java.util.Locale;

/** A service behind the gateway, parsed from its configured base URL. */
public record Upstream(String name, String host, int port, boolean ssl, String basePath) {

    public static Upstream of(String name, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException(
                    "glimpse.gateway.upstreams." + name + ".url must be an http(s) URL, not '" + url + "'");
        }
        boolean ssl = scheme.equals("https");
        int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return new Upstream(name, url.getHost(), port, ssl, basePath);
    }

    /** The request URI to send upstream for a public path and raw query. */
    public String uriFor(String path, String rawQuery) {
        return basePath + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    /** The upstream's own URL for a path of its own, e.g. its health endpoint. */
    public String baseUrl() {
        return (ssl ? "https" : "http") + "://" + host + ":" + port + basePath;
    }
}
