package io.glimpse.imports.mapping;

import io.glimpse.imports.config.ImportConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Glance's web-download URL filtering ({@code [import_filtering_opts]}, glance-v2-api.md §8.4): scheme, host and
 * explicit port against allow and deny lists (an allow list, when set, wins over its deny list), and hosts written
 * as numeric shorthand (decimal, hex, octal, short dotted forms) refused.
 */
@ApplicationScoped
public class ImportUriFilter {
    /** A host of digits, dots and hex or octal prefixes only that is not a canonical dotted quad. */
    private static final Pattern NUMERIC_HOST = Pattern.compile("(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]+|[0-9]+))*");

    private static final Pattern CANONICAL_IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private final ImportConfig.Filtering filtering;

    @Inject
    public ImportUriFilter(ImportConfig config) {
        this(config.filtering());
    }

    ImportUriFilter(ImportConfig.Filtering filtering) {
        this.filtering = filtering;
    }

    public boolean passes(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = parsed.getScheme() == null ? null : parsed.getScheme().toLowerCase(Locale.ROOT);
        String host = parsed.getHost() == null ? null : parsed.getHost().toLowerCase(Locale.ROOT);
        int port = parsed.getPort();
        return scheme != null
                && allowed(
                        scheme,
                        filtering.allowedSchemes(),
                        filtering.disallowedSchemes().orElse(List.of()))
                && host != null
                && !isNumericShorthand(host)
                && allowed(
                        host,
                        filtering.allowedHosts().orElse(List.of()),
                        filtering.disallowedHosts().orElse(List.of()))
                && (port < 0
                        || allowed(
                                port,
                                filtering.allowedPorts(),
                                filtering.disallowedPorts().orElse(List.of())));
    }

    private static <T> boolean allowed(T value, List<T> allowed, List<T> disallowed) {
        return allowed.isEmpty() ? !disallowed.contains(value) : allowed.contains(value);
    }

    private static boolean isNumericShorthand(String host) {
        return NUMERIC_HOST.matcher(host).matches()
                && !CANONICAL_IPV4.matcher(host).matches();
    }
}
