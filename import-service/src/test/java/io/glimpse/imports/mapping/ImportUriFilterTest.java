package io.glimpse.imports.mapping;

import io.glimpse.imports.config.ImportConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Glance's [import_filtering_opts] (glance-v2-api.md §8.4) with its defaults, and numeric host spellings refused. */
class ImportUriFilterTest {
    private static final ImportUriFilter DEFAULTS = new ImportUriFilter(filtering(List.of(), List.of()));

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "http://example.com/image.qcow2, true",
        "https://example.com:443/image.qcow2, true",
        "http://example.com:80/x, true",
        "http://example.com:8080/x, false",
        "ftp://example.com/x, false",
        "file:///etc/passwd, false",
        "example.com/x, false",
        "http:///x, false",
        "http://127.0.0.1/x, true",
        "http://2130706433/x, false",
        "http://0x7f000001/x, false",
        "http://017700000001/x, false",
        "http://127.1/x, false",
        "http://0177.0.0.1/x, false",
        "http://[::1]/x, true",
        "not a uri at all, false"
    })
    void glanceDefaults(String uri, boolean passes) {
        assertThat(DEFAULTS.passes(uri)).isEqualTo(passes);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"http://mirror.example.com/x, true", "http://other.example.com/x, false"})
    void anAllowListOfHostsWinsOverItsDenyList(String uri, boolean passes) {
        ImportUriFilter filter =
                new ImportUriFilter(filtering(List.of("mirror.example.com"), List.of("mirror.example.com")));
        assertThat(filter.passes(uri)).isEqualTo(passes);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"http://bad.example.com/x, false", "http://good.example.com/x, true"})
    void aDenyListOfHostsAppliesWhenNoAllowList(String uri, boolean passes) {
        ImportUriFilter filter = new ImportUriFilter(filtering(List.of(), List.of("bad.example.com")));
        assertThat(filter.passes(uri)).isEqualTo(passes);
    }

    private static ImportConfig.Filtering filtering(List<String> allowedHosts, List<String> disallowedHosts) {
        return new ImportConfig.Filtering() {
            @Override
            public List<String> allowedSchemes() {
                return List.of("http", "https");
            }

            @Override
            public Optional<List<String>> disallowedSchemes() {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> allowedHosts() {
                return Optional.of(allowedHosts).filter(hosts -> !hosts.isEmpty());
            }

            @Override
            public Optional<List<String>> disallowedHosts() {
                return Optional.of(disallowedHosts).filter(hosts -> !hosts.isEmpty());
            }

            @Override
            public List<Integer> allowedPorts() {
                return List.of(80, 443);
            }

            @Override
            public Optional<List<Integer>> disallowedPorts() {
                return Optional.empty();
            }
        };
    }
}
