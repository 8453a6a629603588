package io.glimpse.gateway.security;

import io.glimpse.gateway.support.Stubs;
import io.glimpse.gateway.support.TestKeys;
import io.glimpse.gateway.support.TestTokens;
import io.glimpse.gateway.support.UpstreamStubs;
import io.glimpse.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.glimpse.gateway.support.Users.as;
import static io.glimpse.gateway.support.Users.withToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/**
 * Token checks with real Keycloak tokens, and with tokens signed by the test's own keys for the
 * cases a real token cannot show. The gateway trusts Keycloak's live key set plus the test's
 * {@link TestKeys#TRUSTED} key, so an expired or foreign-issuer token fails for that reason and not
 * for its signature.
 */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class AuthenticationTest {

    private static final String KEYSTONE_CHALLENGE = "Keystone uri='http://127.0.0.1:9292/identity'";

    @Test
    void noTokenIs401WithChallengesAndErrorBody() {
        Stubs.forgetSeen("catalog");

        given().accept("application/json")
                .get("/v2/images")
                .then()
                .statusCode(401)
                .header("x-openstack-request-id", matchesPattern("req-[0-9a-f-]{36}"))
                .body("code", equalTo("401 Unauthorized"))
                .body("message", containsString("requires authentication"));
        List<String> challenges = given().get("/key-manager/v1/secrets")
                .then()
                .statusCode(401)
                .extract()
                .headers()
                .getValues("WWW-Authenticate");
        assertThat(challenges).containsExactly(KEYSTONE_CHALLENGE, "Bearer realm=\"glimpse\"");

        assertThat(Stubs.seenBy("catalog")).isEmpty();
    }

    @Test
    void xAuthTokenIsAcceptedAndForwardedAsTheOriginalBearerToken() {
        String alice = Tokens.forUser("alice");
        withToken(alice)
                .get("/v2/images")
                .then()
                .statusCode(200)
                .body("headers.authorization", equalTo(List.of("Bearer " + alice)))
                .body("headers", not(hasKey("x-auth-token")));
    }

    @Test
    void authorizationBearerIsAccepted() {
        String bob = Tokens.forUser("bob");
        given().header("Authorization", "Bearer " + bob)
                .get("/v2/images")
                .then()
                .statusCode(200)
                .body("headers.authorization", equalTo(List.of("Bearer " + bob)));
    }

    @Test
    void otherAuthorizationSchemesAreNotTokens() {
        given().header("Authorization", "Basic YWxpY2U6YWxpY2U=")
                .get("/v2/images")
                .then()
                .statusCode(401);
    }

    @Test
    void expiredTokenIsRejected() {
        String expired = TestTokens.sign(TestKeys.TRUSTED, claims -> {
            claims.setIssuedAt(TestTokens.secondsFromNow(-600));
            claims.setExpirationTime(TestTokens.secondsFromNow(-120));
        });
        rejected(expired, "the token has expired");
    }

    @Test
    void expiryWithinTheClockSkewIsTolerated() {
        String justExpired = TestTokens.sign(TestKeys.TRUSTED, claims -> {
            claims.setIssuedAt(TestTokens.secondsFromNow(-300));
            claims.setExpirationTime(TestTokens.secondsFromNow(-5));
        });
        withToken(justExpired).get("/v2/images").then().statusCode(200);
    }

    @Test
    void tokenSignedWithAnotherKeyUnderKeycloaksKeyIdIsRejected() {
        String keycloakKeyId = TestTokens.keyIdOf(Tokens.forUser("alice"));
        String forged = TestTokens.sign(TestKeys.UNTRUSTED, keycloakKeyId, claims -> {});
        rejected(forged, "the token signature cannot be verified");
    }

    @Test
    void realTokenWithTamperedClaimsIsRejected() {
        String tampered =
                TestTokens.tamper(Tokens.forUser("carol"), payload -> payload.replace("\"reader\"", "\"admin\""));
        assertThat(tampered).isNotEqualTo(Tokens.forUser("carol"));
        rejected(tampered, "the token signature cannot be verified");
    }

    @Test
    void tokenFromAnotherIssuerIsRejected() {
        String foreign =
                TestTokens.sign(TestKeys.TRUSTED, claims -> claims.setIssuer("http://localhost:8180/realms/glimpse"));
        rejected(foreign, "the token was issued by another issuer");
    }

    @Test
    void tokenForAnotherAudienceIsRejected() {
        String forAccount = TestTokens.sign(TestKeys.TRUSTED, claims -> claims.setAudience("account"));
        rejected(forAccount, "the token is not meant for this service");
    }

    @Test
    void unsignedOrGarbageTokensAreRejected() {
        String unsigned = "eyJhbGciOiJub25lIn0." + Tokens.forUser("alice").split("\\.")[1] + ".";
        rejected(unsigned, "the token signature cannot be verified");
        rejected("not-a-jwt", "the token is not a well-formed signed JWT");
    }

    @Test
    void rotatedKeyIsFetchedWhenATokenNamesIt() {
        String rotated = TestTokens.sign(TestKeys.ROTATED, claims -> {});
        rejected(rotated, "the token signature cannot be verified");

        Stubs.publishRotatedKey();

        withToken(rotated).get("/v2/images").then().statusCode(200).body("upstream", equalTo("catalog"));
    }

    @Test
    void imageApiNeedsAProjectButTheKeyManagerDoesNot() {
        String projectless = TestTokens.sign(TestKeys.TRUSTED, claims -> claims.unsetClaim("project_id"));

        withToken(projectless)
                .accept("application/json")
                .get("/v2/images")
                .then()
                .statusCode(403)
                .body("message", containsString("project_id"));
        withToken(projectless)
                .get("/key-manager/v1/secrets")
                .then()
                .statusCode(200)
                .body("upstream", equalTo("signature"));
    }

    @Test
    void rolesAreComparedLowerCased() {
        String shouting = TestTokens.sign(
                TestKeys.TRUSTED,
                claims -> claims.setClaim("realm_access", Map.of("roles", List.of("MEMBER", "Reader"))));
        withToken(shouting).post("/v2/images").then().statusCode(200).body("upstream", equalTo("catalog"));
    }

    @Test
    void everyDemoUserIsAuthenticated() {
        for (String user : List.of("admin", "alice", "bob", "carol")) {
            as(user).get("/v2/schemas/image").then().statusCode(200);
        }
    }

    private static void rejected(String token, String why) {
        List<String> challenges = withToken(token)
                .accept("application/json")
                .get("/v2/images")
                .then()
                .statusCode(401)
                .body("title", equalTo("Unauthorized"))
                .extract()
                .headers()
                .getValues("WWW-Authenticate");
        assertThat(challenges)
                .containsExactly(
                        KEYSTONE_CHALLENGE,
                        "Bearer realm=\"glimpse\", error=\"invalid_token\", error_description=\"" + why + "\"");
    }
}
