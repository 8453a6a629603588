package io.glimpse.gateway.routing;

import io.glimpse.gateway.support.RawHttp;
import io.glimpse.gateway.support.Stubs;
import io.glimpse.gateway.support.UpstreamStubs;
import io.glimpse.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static io.glimpse.gateway.support.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The checks the gateway answers itself (§1.3): 405 with Allow, and 400 for a body where none is allowed. */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class RouteChecksTest {

    @ParameterizedTest(name = "{0} {1} -> Allow: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "PUT    | /v2/images                          | GET, POST",
                "POST   | /v2/images/img-1                    | GET, PATCH, DELETE",
                "DELETE | /v2/images/img-1/file               | GET, PUT",
                "GET    | /v2/images/img-1/stage              | PUT",
                "GET    | /v2/images/img-1/import             | POST",
                "GET    | /v2/images/img-1/actions/deactivate | POST",
                "POST   | /v2/images/img-1/tags/blue          | PUT, DELETE",
                "PUT    | /v2/images/img-1/members            | GET, POST",
                "POST   | /v2/images/img-1/members/project-b  | GET, PUT, DELETE",
                "DELETE | /v2/tasks                           | GET, POST",
                "DELETE | /v2/tasks/task-1                    | GET",
                "GET    | /v2/stores/file/img-1               | DELETE",
                "POST   | /v2/info/import                     | GET",
                "DELETE | /v2/schemas/image                   | GET",
                "PUT    | /v2/cache                           | GET, DELETE",
                "GET    | /v2/cache/img-1                     | DELETE, PUT",
                "GET    | /v2/cache/clean                     | POST",
                "PATCH  | /v2.1/images                        | GET, POST",
            })
    void wrongMethodIs405WithAllow(String method, String path, String allow) {
        as("admin")
                .accept("application/json")
                .request(Method.valueOf(method), path)
                .then()
                .statusCode(405)
                .header("Allow", equalTo(allow))
                .body("code", equalTo("405 Method Not Allowed"))
                .body(
                        "message",
                        equalTo("The method " + method + " is not allowed for this resource.<br /><br />\n\n\n"));
    }

    @Test
    void wrongMethodNeverReachesTheService() {
        Stubs.forgetSeen("catalog");
        as("alice").put("/v2/images").then().statusCode(405);
        assertThat(Stubs.seenBy("catalog")).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} with a body -> 400")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET    | /v2/images/img-1",
                "DELETE | /v2/images/img-1",
                "GET    | /v2/images/img-1/file",
                "GET    | /v2/images/img-1/tasks",
                "POST   | /v2/images/img-1/actions/deactivate",
                "POST   | /v2/images/img-1/actions/reactivate",
                "PUT    | /v2/images/img-1/tags/blue",
                "DELETE | /v2/images/img-1/tags/blue",
                "GET    | /v2/images/img-1/members",
                "GET    | /v2/images/img-1/members/project-b",
                "DELETE | /v2/images/img-1/members/project-b",
                "DELETE | /v2/stores/file/img-1",
                "GET    | /v2/info/import",
                "GET    | /v2/info/stores/detail",
                "GET    | /v2/schemas/image",
                "GET    | /v2/schemas/metadefs/namespace",
                "GET    | /v2/cache",
            })
    void bodyWhereNoneIsAllowedIs400(String method, String path) {
        as("admin")
                .accept("application/json")
                .body("{}")
                .request(Method.valueOf(method), path)
                .then()
                .statusCode(400)
                .body("message", equalTo("A body is not expected with this request.<br /><br />\n\n\n"));
    }

    @Test
    void aChunkedBodyCountsAsABodyEvenOnGet() {
        RawHttp.Response response = RawHttp.exchange(
                "GET /v2/schemas/image HTTP/1.1\r\nAccept: application/json\r\n" + "X-Auth-Token: "
                        + Tokens.forUser("alice") + "\r\nTransfer-Encoding: chunked",
                RawHttp.chunked("{}"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("A body is not expected with this request.");
    }

    @Test
    void anEmptyBodyIsNotABodyAndBodiesWhereAllowedPass() {
        RawHttp.Response empty = RawHttp.exchange("DELETE /v2/images/img-1 HTTP/1.1\r\nContent-Length: 0\r\n"
                + "X-Auth-Token: " + Tokens.forUser("alice"));
        assertThat(empty.status()).isEqualTo(200);

        byte[] patch = "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"n\"}]".getBytes(StandardCharsets.UTF_8);
        as("alice")
                .contentType("application/openstack-images-v2.1-json-patch")
                .body(patch)
                .patch("/v2/images/img-1")
                .then()
                .statusCode(200)
                .body("bodyBytes", equalTo(patch.length));
    }

    @Test
    void unauthenticatedWrongMethodIs401First() {
        io.restassured.RestAssured.given().put("/v2/images").then().statusCode(401);
    }
}
