package io.glimpse.gateway.routing;

import io.glimpse.gateway.routing.Destination.Api;
import io.glimpse.gateway.routing.Destination.ApiCall;
import io.glimpse.gateway.routing.Destination.Healthcheck;
import io.glimpse.gateway.routing.Destination.Hidden;
import io.glimpse.gateway.routing.Destination.Identity;
import io.glimpse.gateway.routing.Destination.VersionList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PublicPathResolverTest {

    private final PublicPathResolver resolver = new PublicPathResolver();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/v2/images,          /v2/images",
        "/v2.0/images,        /v2/images",
        "/v2.9/images/x/file, /v2/images/x/file",
        "/v2.18/cache,        /v2/cache",
        "/v2.1,               /v2",
        "/v2/images/,         /v2/images/",
    })
    void versionPrefixesAreRewrittenToV2(String path, String rewritten) {
        assertThat(resolver.resolve(path, Optional.empty()))
                .isEqualTo(new ApiCall(RequestPath.of(rewritten), Api.IMAGE_V2, false));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/", "/v3/images", "/v2.19/images", "/v2.01/images", "/v20/images", "/images", "/healthcheck/x"})
    void everythingElseGetsTheVersionListWith300(String path) {
        assertThat(resolver.resolve(path, Optional.empty())).isEqualTo(new VersionList(300));
    }

    @Test
    void specialFirstSegments() {
        assertThat(resolver.resolve("/versions", Optional.empty())).isEqualTo(new VersionList(200));
        assertThat(resolver.resolve("/healthcheck", Optional.empty())).isEqualTo(new Healthcheck());
        assertThat(resolver.resolve("/internal", Optional.empty())).isEqualTo(new Hidden());
        assertThat(resolver.resolve("/internal/images/x", Optional.of("application/vnd.openstack.images-v2.1")))
                .isEqualTo(new Hidden());
        assertThat(resolver.resolve("/identity", Optional.empty())).isEqualTo(new Identity());
        assertThat(resolver.resolve("/identity/v3/auth/tokens", Optional.of("application/vnd.openstack.images-v2.1")))
                .isEqualTo(new Identity());
        assertThat(resolver.resolve("/key-manager/v1/secrets", Optional.empty()))
                .isEqualTo(new ApiCall(RequestPath.of("/key-manager/v1/secrets"), Api.KEY_MANAGER, false));
    }

    @Test
    void aVersionInAcceptSelectsV2ForTheWholePath() {
        assertThat(resolver.resolve("/images", Optional.of("application/vnd.openstack.images-v2.5")))
                .isEqualTo(new ApiCall(RequestPath.of("/v2/images"), Api.IMAGE_V2, true));
        assertThat(resolver.resolve("/v2.1/images", Optional.of("application/vnd.openstack.images-v2")))
                .isEqualTo(new ApiCall(RequestPath.of("/v2/images"), Api.IMAGE_V2, true));
        assertThat(resolver.resolve("/images", Optional.of("application/vnd.openstack.images-v1")))
                .isEqualTo(new VersionList(300));
    }
}
