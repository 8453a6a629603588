package io.glimpse.gateway.versions;

import io.glimpse.gateway.config.VersionsConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiVersionsTest {

    @Test
    void withTheCacheV218IsCurrentAndTheCacheVersionsAppear() {
        var versions = ApiVersions.list(features(true, false));
        assertThat(versions.getFirst()).isEqualTo(new ApiVersion("v2.18", ApiVersion.Status.CURRENT));
        assertThat(versions)
                .extracting(ApiVersion::id)
                .contains("v2.16", "v2.14")
                .doesNotContain("v2.8", "v2.13");
        assertThat(versions.getLast()).isEqualTo(new ApiVersion("v2.0", ApiVersion.Status.SUPPORTED));
    }

    @Test
    void withoutCacheOrMultiStoreTheListIsShortest() {
        assertThat(ApiVersions.list(features(false, false)))
                .extracting(ApiVersion::id)
                .containsExactly(
                        "v2.17", "v2.15", "v2.9", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0");
    }

    private static VersionsConfig features(boolean cache, boolean multiStore) {
        return new VersionsConfig() {
            @Override
            public boolean imageCache() {
                return cache;
            }

            @Override
            public boolean multiStore() {
                return multiStore;
            }
        };
    }
}
