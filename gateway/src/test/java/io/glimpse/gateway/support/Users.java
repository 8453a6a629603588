package io.glimpse.gateway.support;

import io.glimpse.testsupport.Tokens;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** RestAssured requests as a demo user, with a real Keycloak token in X-Auth-Token (as OpenStack clients send it). */
public final class Users {

    private Users() {}

    public static RequestSpecification as(String user) {
        return given().header("X-Auth-Token", Tokens.forUser(user));
    }

    public static RequestSpecification withToken(String token) {
        return given().header("X-Auth-Token", token);
    }
}
