package io.glimpse.gateway.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathPatternTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "/v2/images,              /v2/images,               true",
        "/v2/images,              /v2/images/x,             false",
        "/v2/images/*,            /v2/images/x,             true",
        "/v2/images/*,            /v2/images/,              false",
        "/v2/images/*,            /v2/images,               false",
        "/v2/images/*/members/**, /v2/images/x/members,     true",
        "/v2/images/*/members/**, /v2/images/x/members/p,   true",
        "/v2/images/*/members/**, /v2/images/x/membersX,    false",
        "/v2/images/*/members/**, /v2/images/x,             false",
        "/v2/**,                  /v2,                      true",
        "/v2/**,                  /v2/anything/at/all,      true",
        "/v2/**,                  /v22/images,              false",
    })
    void matches(String pattern, String path, boolean expected) {
        assertThat(PathPattern.parse(pattern).matches(RequestPath.of(path))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2/images", "/v2//images", "/v2/**/images", "/v2/"})
    void rejectsMalformedPatterns(String pattern) {
        assertThatThrownBy(() -> PathPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class);
    }
}
