package io.glimpse.gateway.error;

import io.glimpse.gateway.support.RawHttp;
import io.glimpse.gateway.support.UpstreamStubs;
import io.glimpse.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.glimpse.gateway.support.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** §1.4: the error body's format follows Accept, with contracts' webob-shaped body. */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class ErrorBodyTest {

    @Test
    void jsonWhenAskedFor() {
        as("alice")
                .accept("application/json")
                .get("/internal/anything")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/json"))
                .body("message", equalTo("The resource could not be found.<br /><br />\n\n\n"))
                .body("code", equalTo("404 Not Found"))
                .body("title", equalTo("Not Found"));
    }

    @Test
    void htmlForAnythingAndForNoAccept() {
        as("alice")
                .accept("*/*")
                .get("/internal/anything")
                .then()
                .statusCode(404)
                .contentType(startsWith("text/html"))
                .body(containsString("<title>404 Not Found</title>"));

        RawHttp.Response noAccept =
                RawHttp.exchange("GET /internal/anything HTTP/1.1\r\nX-Auth-Token: " + Tokens.forUser("alice"));
        assertThat(noAccept.status()).isEqualTo(404);
        assertThat(noAccept.header("content-type")).startsWith("text/html");
        assertThat(noAccept.body()).contains("<h1>404 Not Found</h1>");
    }

    @Test
    void plainTextWhenAskedForOrForAnythingElse() {
        as("alice")
                .accept("text/plain")
                .get("/internal/anything")
                .then()
                .statusCode(404)
                .contentType(startsWith("text/plain"))
                .body(equalTo("404 Not Found\n\nThe resource could not be found."));
        as("alice")
                .accept("application/xml")
                .get("/internal/anything")
                .then()
                .statusCode(404)
                .contentType(startsWith("text/plain"));
    }

    @Test
    void qualityValuesDecide() {
        as("alice")
                .accept("text/html;q=0.2, application/json")
                .get("/internal/anything")
                .then()
                .contentType(startsWith("application/json"));
        as("alice")
                .accept("application/json;q=0.5, text/plain")
                .get("/internal/anything")
                .then()
                .contentType(startsWith("text/plain"));
    }

    @Test
    void everyGatewayErrorUsesTheSameBody() {
        io.restassured.RestAssured.given()
                .accept("application/json")
                .get("/v2/images")
                .then()
                .statusCode(401)
                .body("title", equalTo("Unauthorized"));
        as("carol")
                .accept("text/plain")
                .post("/v2/images")
                .then()
                .statusCode(403)
                .body(startsWith("403 Forbidden\n\n"));
    }
}
