package io.glimpse.systemtests;

import io.glimpse.testsupport.GlimpseSuite;
import io.glimpse.testsupport.LocalSuite;
import io.glimpse.testsupport.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;
import java.util.UUID;

/** Base of the black-box tests: the running suite, RestAssured aimed at the gateway, helpers for users. */
abstract class ThroughTheGateway {

    @BeforeAll
    static void suite() {
        GlimpseSuite.ensureRunning();
        RestAssured.baseURI = LocalSuite.gatewayUrl();
    }

    /** A request as an OpenStack client sends it: the token in X-Auth-Token. */
    static RequestSpecification as(String user) {
        return RestAssured.given().header("X-Auth-Token", Tokens.forUser(user)).accept(ContentType.JSON);
    }

    static Response createImage(String user, Map<String, ?> body) {
        return as(user).contentType(ContentType.JSON).body(body).post("/v2/images");
    }

    /** A name no other test run uses, so tests never depend on what the database already holds. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
