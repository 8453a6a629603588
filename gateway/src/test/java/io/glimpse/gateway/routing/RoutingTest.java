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

import static io.glimpse.gateway.support.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The configured route table, end to end: which stub service receives which public path, under which path. */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class RoutingTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource({
        "GET,    /v2/images,                          catalog,   /v2/images",
        "GET,    /v2/images/img-1,                    catalog,   /v2/images/img-1",
        "PUT,    /v2/images/img-1/file,               catalog,   /v2/images/img-1/file",
        "PUT,    /v2/images/img-1/tags/blue,          catalog,   /v2/images/img-1/tags/blue",
        "GET,    /v2/schemas/image,                   catalog,   /v2/schemas/image",
        "GET,    /v2/info/stores,                     catalog,   /v2/info/stores",
        "GET,    /v2/metadefs/namespaces,             catalog,   /v2/metadefs/namespaces",
        "GET,    /v2/images/img-1/members,            sharing,   /v2/images/img-1/members",
        "PUT,    /v2/images/img-1/members/project-b,  sharing,   /v2/images/img-1/members/project-b",
        "GET,    /v2/schemas/member,                  sharing,   /v2/schemas/member",
        "GET,    /v2/schemas/members,                 sharing,   /v2/schemas/members",
        "PUT,    /v2/images/img-1/stage,              import,    /v2/images/img-1/stage",
        "POST,   /v2/images/img-1/import,             import,    /v2/images/img-1/import",
        "GET,    /v2/images/img-1/tasks,              import,    /v2/images/img-1/tasks",
        "GET,    /v2/info/import,                     import,    /v2/info/import",
        "GET,    /v2/schemas/task,                    import,    /v2/schemas/task",
        "GET,    /v2/schemas/tasks,                   import,    /v2/schemas/tasks",
        "GET,    /key-manager/v1/secrets,             signature, /key-manager/v1/secrets",
        "POST,   /key-manager/v1/secrets/cert-1,      signature, /key-manager/v1/secrets/cert-1",
        "GET,    /v2.1/images/img-1/members,          sharing,   /v2/images/img-1/members",
        "GET,    /v2.0/images,                        catalog,   /v2/images",
        "GET,    /v2.18/images/img-1/tasks,           import,    /v2/images/img-1/tasks",
        "GET,    /v2.6/info/import,                   import,    /v2/info/import",
    })
    void eachFamilyReachesItsService(String method, String publicPath, String service, String forwardedPath) {
        as("alice")
                .request(Method.valueOf(method), publicPath)
                .then()
                .statusCode(200)
                .body("upstream", equalTo(service))
                .body("method", equalTo(method))
                .body("path", equalTo(forwardedPath));
    }

    @Test
    void tasksApiGoesToImportForAnAdmin() {
        as("admin").get("/v2/tasks").then().statusCode(200).body("upstream", equalTo("import"));
        as("admin")
                .get("/v2.2/tasks/task-1")
                .then()
                .statusCode(200)
                .body("upstream", equalTo("import"))
                .body("path", equalTo("/v2/tasks/task-1"));
    }

    @Test
    void queryStringIsForwardedAsSent() {
        as("alice")
                .urlEncodingEnabled(false)
                .get("/v2/images?limit=2&sort_key=name&name=a%20b")
                .then()
                .statusCode(200)
                .body("uri", equalTo("/v2/images?limit=2&sort_key=name&name=a%20b"));
    }

    @Test
    void internalPathsAreNeverRouted() {
        UpstreamStubs.SERVICES.forEach(Stubs::forgetSeen);

        as("admin").get("/internal/images/img-1").then().statusCode(404);
        as("admin").post("/internal/images/img-1/status").then().statusCode(404);
        as("svc").get("/internal").then().statusCode(404);
        RawHttp.Response dotted = RawHttp.exchange(
                "GET /v2/../internal/images/img-1 HTTP/1.1\r\nX-Auth-Token: " + Tokens.forUser("admin"));
        assertThat(dotted.status()).isEqualTo(404);

        UpstreamStubs.SERVICES.forEach(
                service -> assertThat(Stubs.seenBy(service)).isEmpty());
    }

    @Test
    void identityPathsAreAnsweredByTheGatewayAndNeverRouted() {
        UpstreamStubs.SERVICES.forEach(Stubs::forgetSeen);

        as("admin").get("/identity").then().statusCode(300);
        as("admin").get("/identity/v3/no-such-thing").then().statusCode(404);
        as("admin").get("/identity/v3/auth/catalog").then().statusCode(200);

        UpstreamStubs.SERVICES.forEach(
                service -> assertThat(Stubs.seenBy(service)).isEmpty());
    }

    @Test
    void emptyImageIdIsNotFoundAndNeverReachesTheCollection() {
        Stubs.forgetSeen("catalog");

        as("alice").get("/v2/images/").then().statusCode(404);
        as("alice").delete("/v2/images/").then().statusCode(404);
        as("alice").get("/v2/images/img-1/tags/").then().statusCode(404);

        assertThat(Stubs.seenBy("catalog")).isEmpty();
    }

    @Test
    void duplicateSlashesAreMergedBeforeRouting() {
        // Vert.x normalises the path (as nginx's merge_slashes does); what is routed is what is forwarded.
        RawHttp.Response merged =
                RawHttp.exchange("GET /v2//images//img-1/members HTTP/1.1\r\nX-Auth-Token: " + Tokens.forUser("alice"));
        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.body())
                .contains("\"upstream\":\"sharing\"")
                .contains("\"path\":\"/v2/images/img-1/members\"");
    }

    @Test
    void versionInAcceptSelectsTheImageApiAndJsonIsAskedUpstream() {
        as("alice")
                .accept("application/vnd.openstack.images-v2.1")
                .get("/images")
                .then()
                .statusCode(200)
                .body("upstream", equalTo("catalog"))
                .body("path", equalTo("/v2/images"))
                .body("headers.accept[0]", equalTo("application/json"));
        as("alice")
                .accept("application/vnd.openstack.images-v3")
                .get("/images")
                .then()
                .statusCode(300);
    }

    @Test
    void unknownKeyManagerPathIsNotFound() {
        as("alice").get("/key-manager/v1/orders").then().statusCode(404);
    }
}
