package io.glimpse.gateway.versions;

import io.glimpse.gateway.support.UpstreamStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** §1.1 version negotiation; no token needed. */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class VersionsTest {

    private static final List<String> WITHOUT_CACHE_WITH_MULTI_STORE = List.of(
            "v2.17", "v2.15", "v2.13", "v2.12", "v2.11", "v2.10", "v2.9", "v2.8", "v2.7", "v2.6", "v2.5", "v2.4",
            "v2.3", "v2.2", "v2.1", "v2.0");

    @Test
    void versionsIs200WithTheList() {
        JsonPath body = given().get("/versions")
                .then()
                .statusCode(200)
                .contentType("application/json; charset=UTF-8")
                .extract()
                .jsonPath();
        assertThat(body.getList("versions.id")).containsExactlyElementsOf(WITHOUT_CACHE_WITH_MULTI_STORE);
        assertThat(body.getString("versions[0].status")).isEqualTo("CURRENT");
        assertThat(body.getList("versions.status").subList(1, 16)).containsOnly("SUPPORTED");
        List<List<String>> hrefs = body.getList("versions.links.href");
        List<List<String>> rels = body.getList("versions.links.rel");
        assertThat(hrefs).allSatisfy(links -> assertThat(links).containsExactly("http://127.0.0.1:9292/v2/"));
        assertThat(rels).allSatisfy(links -> assertThat(links).containsExactly("self"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/v3/images", "/v2.19/images", "/v1/images", "/images", "/favicon.ico"})
    void rootAndUnknownVersionsAre300WithTheSameList(String path) {
        JsonPath body = given().get(path).then().statusCode(300).extract().jsonPath();
        assertThat(body.getList("versions.id")).containsExactlyElementsOf(WITHOUT_CACHE_WITH_MULTI_STORE);
    }

    @Test
    void healthcheckSaysOk() {
        given().get("/healthcheck").then().statusCode(200).body(org.hamcrest.Matchers.equalTo("OK"));
    }
}
