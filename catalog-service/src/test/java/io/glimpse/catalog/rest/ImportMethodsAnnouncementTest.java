package io.glimpse.catalog.rest;

import io.glimpse.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The methods announced on image create are import-service's setting ({@code glimpse.import.methods}), so that one
 * setting configures both services: an operator who enables glance-download sees it announced too.
 */
@QuarkusTest
@TestProfile(ImportMethodsAnnouncementTest.GlanceDownloadEnabled.class)
class ImportMethodsAnnouncementTest {

    public static class GlanceDownloadEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("glimpse.import.methods", "glance-direct,web-download,copy-image,glance-download");
        }
    }

    @Test
    void imageCreateAnnouncesImportServicesMethods() {
        String announced = RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.forUser("alice"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "announced"))
                .post("/v2/images")
                .then()
                .statusCode(201)
                .extract()
                .header("OpenStack-image-import-methods");

        assertThat(announced).isEqualTo("glance-direct,web-download,copy-image,glance-download");
    }
}
