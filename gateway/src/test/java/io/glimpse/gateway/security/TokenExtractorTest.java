package io.glimpse.gateway.security;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TokenExtractorTest {

    @Test
    void xAuthTokenFirstThenBearer() {
        assertThat(TokenExtractor.from(headers("X-Auth-Token", "abc", "Authorization", "Bearer def")))
                .contains("abc");
        assertThat(TokenExtractor.from(headers("Authorization", "Bearer def"))).contains("def");
        assertThat(TokenExtractor.from(headers("authorization", "bearer   ghi  ")))
                .contains("ghi");
    }

    @Test
    void nothingUsableMeansNoToken() {
        assertThat(TokenExtractor.from(headers())).isEqualTo(Optional.empty());
        assertThat(TokenExtractor.from(headers("Authorization", "Basic Zm9v"))).isEmpty();
        assertThat(TokenExtractor.from(headers("Authorization", "Bearer"))).isEmpty();
        assertThat(TokenExtractor.from(headers("X-Auth-Token", "  "))).isEmpty();
    }

    private static MultiMap headers(String... pairs) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }
}
