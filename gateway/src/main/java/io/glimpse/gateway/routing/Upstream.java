package io.glimpse.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A service behind the gateway: its name and its instances (one base URL each), taken in turn.
 */
public final class Upstream {
    private final String name;
    private final List<Instance> instances;
    private final AtomicInteger turn = new AtomicInteger();

    private Upstream(String name, List<Instance> instances) {
        this.name = name;
        this.instances = List.copyOf(instances);
    }

    public static Upstream of(String name, List<URI> urls) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("glimpse.gateway.upstreams." + name + ".url is empty");
        }
        return new Upstream(
                name, urls.stream().map(url -> Instance.of(name, url)).toList());
    }

    public static Upstream of(String name, URI url) {
        return of(name, List.of(url));
    }

    public String name() {
        return name;
    }

    public List<Instance> instances() {
        return instances;
    }

    /** The instances in the order this request tries them: each request starts one further than the last. */
    public List<Instance> inTurn() {
        if (instances.size() == 1) {
            return instances;
        }
        int first = Math.floorMod(turn.getAndIncrement(), instances.size());
        return IntStream.range(0, instances.size())
                .mapToObj(i -> instances.get((first + i) % instances.size()))
                .toList();
    }

    @Override
    public String toString() {
        return name + instances.stream().map(Instance::baseUrl).toList();
    }

    /** One instance of the service, parsed from its base URL. */
    public record Instance(String host, int port, boolean ssl, String basePath) {

        static Instance of(String name, URI url) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new IllegalArgumentException(
                        "glimpse.gateway.upstreams." + name + ".url must be http(s) URLs, not '" + url + "'");
            }
            boolean ssl = scheme.equals("https");
            int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
            String path = url.getRawPath() == null ? "" : url.getRawPath();
            String basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return new Instance(url.getHost(), port, ssl, basePath);
        }

        /** The request URI to send for a public path and raw query. */
        public String uriFor(String path, String rawQuery) {
            return basePath + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        }

        /** The instance's own URL for a path of its own, e.g. its health endpoint. */
        public String baseUrl() {
            return (ssl ? "https" : "http") + "://" + host + ":" + port + basePath;
        }
    }
}
