package io.glimpse.gateway.identity;

import io.glimpse.gateway.support.RealmAdmin;
import io.glimpse.gateway.support.UpstreamStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

/**
 * The Keystone v3 endpoint against the real Keycloak of the test run: what keystoneauth, tempest and
 * the openstack CLI send, and Keystone's answers to what they get wrong.
 */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class IdentityEndpointTest {

    static final String PUBLIC_URL = "http://127.0.0.1:9292";
    static final String CHALLENGE = "Keystone uri=\"" + PUBLIC_URL + "/identity/v3\"";

    static Map<String, Object> password(Map<String, Object> user, String password, Map<String, Object> scope) {
        Map<String, Object> userWithPassword = new java.util.HashMap<>(user);
        userWithPassword.put("password", password);
        Map<String, Object> auth = new java.util.HashMap<>();
        auth.put("identity", Map.of("methods", List.of("password"), "password", Map.of("user", userWithPassword)));
        if (scope != null) {
            auth.put("scope", scope);
        }
        return Map.of("auth", auth);
    }

    static Map<String, Object> byName(String name) {
        return Map.of("name", name, "domain", Map.of("name", "Default"));
    }

    static Map<String, Object> projectByName(String project) {
        return Map.of("project", Map.of("name", project, "domain", Map.of("id", "default")));
    }

    static Response login(Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/identity/v3/auth/tokens");
    }

    /** A fresh token of a demo user, scoped to the user's project. */
    static String tokenOf(String user) {
        return login(password(byName(user), user, null))
                .then()
                .statusCode(201)
                .extract()
                .header("X-Subject-Token");
    }

    static RequestSpecification with(String token) {
        return given().header("X-Auth-Token", token);
    }

    static void assertKeystoneError(Response response, int status, String title) {
        response.then()
                .statusCode(status)
                .contentType(ContentType.JSON)
                .body("error.code", equalTo(status))
                .body("error.title", equalTo(title));
        if (status == 401) {
            assertThat(response.header("WWW-Authenticate")).isEqualTo(CHALLENGE);
        }
    }

    @Test
    void versionDiscoveryListsV3AtTheGatewaysPublicUrl() {
        given().get("/identity")
                .then()
                .statusCode(300)
                .body("versions.values[0].id", equalTo("v3.14"))
                .body("versions.values[0].status", equalTo("stable"))
                .body("versions.values[0].links[0].href", equalTo(PUBLIC_URL + "/identity/v3/"));
        given().get("/identity/v3/")
                .then()
                .statusCode(200)
                .body("version.id", equalTo("v3.14"))
                .body("version.media-types[0].type", equalTo("application/vnd.openstack.identity-v3+json"));
        assertKeystoneError(given().get("/identity/v2.0"), 404, "Not Found");
        assertKeystoneError(given().put("/identity/v3"), 405, "Method Not Allowed");
    }

    @Test
    void passwordLoginGivesTheKeycloakTokenTheImageApiAccepts() {
        Response response = login(password(byName("alice"), "alice", projectByName("project-a")));
        response.then()
                .statusCode(201)
                .body("token.methods", equalTo(List.of("password")))
                .body("token.user.name", equalTo("alice"))
                .body("token.user.domain.id", equalTo("default"))
                .body("token.user.domain.name", equalTo("Default"))
                .body("token.project.id", equalTo("project-a"))
                .body("token.project.name", equalTo("project-a"))
                .body("token.project.domain.name", equalTo("Default"))
                .body("token.roles.name", hasItems("member", "reader"))
                .body("token.catalog.find { it.type == 'image' }.endpoints.url", hasItems(PUBLIC_URL))
                .body("token.catalog.find { it.type == 'image' }.endpoints.region", hasItems("RegionOne"))
                .body(
                        "token.catalog.find { it.type == 'key-manager' }.endpoints.url",
                        hasItems(PUBLIC_URL + "/key-manager"));
        JsonPath body = response.jsonPath();
        assertThat(body.getString("token.expires_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.0{6}Z");
        assertThat(body.getList("token.roles.name")).doesNotContain("offline_access", "uma_authorization");
        String token = response.header("X-Subject-Token");
        assertThat(token.split("\\.")).as("a JWT").hasSize(3);

        with(token)
                .get("/v2/images")
                .then()
                .statusCode(200)
                .body("headers.authorization", equalTo(List.of("Bearer " + token)));
    }

    @Test
    void loginByUserIdWithProjectIdAndWithoutScopeOrCatalog() {
        // The caller validates its own token: X-Auth-Token and X-Subject-Token are the same.
        String bob = tokenOf("bob");
        String userId = with(bob)
                .header("X-Subject-Token", bob)
                .get("/identity/v3/auth/tokens?nocatalog")
                .then()
                .statusCode(200)
                .body("token.catalog", nullValue())
                .extract()
                .path("token.user.id");

        login(password(Map.of("id", userId), "bob", Map.of("project", Map.of("id", "project-b"))))
                .then()
                .statusCode(201)
                .body("token.user.name", equalTo("bob"))
                .body("token.project.id", equalTo("project-b"));
        given().contentType(ContentType.JSON)
                .body(password(byName("bob"), "bob", null))
                .post("/identity/v3/auth/tokens?nocatalog")
                .then()
                .statusCode(201)
                .body("token.project.id", equalTo("project-b"))
                .body("token.catalog", nullValue());
    }

    @Test
    void wrongCredentialsAndScopesAreKeystones401() {
        assertKeystoneError(login(password(byName("alice"), "wrong", null)), 401, "Unauthorized");
        assertKeystoneError(login(password(byName("nobody-" + UUID.randomUUID()), "x", null)), 401, "Unauthorized");
        assertKeystoneError(
                login(password(Map.of("name", "alice", "domain", Map.of("name", "Other")), "alice", null)),
                401,
                "Unauthorized");
        assertKeystoneError(
                login(password(Map.of("id", UUID.randomUUID().toString()), "alice", null)), 401, "Unauthorized");
        assertKeystoneError(login(password(byName("alice"), "alice", projectByName("project-b"))), 401, "Unauthorized");
        assertKeystoneError(
                login(password(byName("alice"), "alice", projectByName("no-such-project"))), 401, "Unauthorized");
        assertKeystoneError(
                login(password(byName("alice"), "alice", Map.of("domain", Map.of("id", "default")))),
                401,
                "Unauthorized");
        assertKeystoneError(
                login(password(byName("admin"), "admin", Map.of("system", Map.of("all", true)))), 401, "Unauthorized");
        assertKeystoneError(
                login(Map.of("auth", Map.of("identity", Map.of("methods", List.of("totp"), "totp", Map.of())))),
                401,
                "Unauthorized");
    }

    @Test
    void aDisabledUserCannotLogInAndACredentialDiesWithItsCreatorsRole() {
        String name = "dora-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = RealmAdmin.createUser(name, "dora-password", "project-a", "member", "reader");
        try {
            String token = login(password(byName(name), "dora-password", projectByName("project-a")))
                    .then()
                    .statusCode(201)
                    .extract()
                    .header("X-Subject-Token");
            Response made = with(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("application_credential", Map.of("name", "ci")))
                    .post("/identity/v3/users/" + userId + "/application_credentials");
            made.then().statusCode(201);
            Map<String, Object> credential = Map.of(
                    "id",
                    made.jsonPath().getString("application_credential.id"),
                    "secret",
                    made.jsonPath().getString("application_credential.secret"));
            Map<String, Object> credentialLogin = Map.of(
                    "auth",
                    Map.of(
                            "identity",
                            Map.of(
                                    "methods",
                                    List.of("application_credential"),
                                    "application_credential",
                                    credential)));
            login(credentialLogin).then().statusCode(201);

            RealmAdmin.removeRole(userId, "member");
            assertKeystoneError(login(credentialLogin), 401, "Unauthorized");

            RealmAdmin.disable(userId);
            assertKeystoneError(login(password(byName(name), "dora-password", null)), 401, "Unauthorized");
        } finally {
            RealmAdmin.deleteUser(userId);
        }
    }

    @Test
    void malformedRequestsAre400() {
        assertKeystoneError(
                given().contentType(ContentType.JSON).body("{not json").post("/identity/v3/auth/tokens"),
                400,
                "Bad Request");
        assertKeystoneError(login(Map.of("auth", Map.of("identity", Map.of()))), 400, "Bad Request");
        Response noDomain = login(password(Map.of("name", "alice"), "alice", null));
        assertKeystoneError(noDomain, 400, "Bad Request");
        assertThat(noDomain.jsonPath().getString("error.message")).startsWith("Expecting to find domain in user.");
        assertKeystoneError(
                login(password(byName("alice"), "alice", Map.of("project", Map.of("name", "project-a")))),
                400,
                "Bad Request");
    }

    @Test
    void reScopingWithATokenKeepsTheToken() {
        String alice = tokenOf("alice");
        login(Map.of(
                        "auth",
                        Map.of(
                                "identity",
                                Map.of("methods", List.of("token"), "token", Map.of("id", alice)),
                                "scope",
                                projectByName("project-a"))))
                .then()
                .statusCode(201)
                .header("X-Subject-Token", alice)
                .body("token.methods", hasItems("token", "password"))
                .body("token.project.id", equalTo("project-a"));
        assertKeystoneError(
                login(Map.of(
                        "auth",
                        Map.of(
                                "identity",
                                Map.of("methods", List.of("token"), "token", Map.of("id", alice)),
                                "scope",
                                projectByName("project-b")))),
                401,
                "Unauthorized");
    }

    @Test
    void validationIsForTheTokensOwnerAdminsAndServices() {
        String alice = tokenOf("alice");
        with(alice)
                .header("X-Subject-Token", alice)
                .head("/identity/v3/auth/tokens")
                .then()
                .statusCode(200);
        with(tokenOf("admin"))
                .header("X-Subject-Token", alice)
                .get("/identity/v3/auth/tokens")
                .then()
                .statusCode(200)
                .header("X-Subject-Token", alice)
                .body("token.user.name", equalTo("alice"));
        assertKeystoneError(
                with(tokenOf("bob")).header("X-Subject-Token", alice).get("/identity/v3/auth/tokens"),
                403,
                "Forbidden");
        assertKeystoneError(
                with(alice).header("X-Subject-Token", "not-a-token").get("/identity/v3/auth/tokens"), 404, "Not Found");
        assertKeystoneError(
                given().header("X-Subject-Token", alice).get("/identity/v3/auth/tokens"), 401, "Unauthorized");
    }

    @Test
    void aRevokedTokenIsRefusedEverywhere() {
        String token = tokenOf("carol");
        with(token).get("/v2/images").then().statusCode(200);

        with(token)
                .header("X-Subject-Token", token)
                .delete("/identity/v3/auth/tokens")
                .then()
                .statusCode(204);

        given().header("X-Auth-Token", token)
                .accept(ContentType.JSON)
                .get("/v2/images")
                .then()
                .statusCode(401);
        assertKeystoneError(
                with(tokenOf("admin")).header("X-Subject-Token", token).get("/identity/v3/auth/tokens"),
                404,
                "Not Found");
    }

    @Test
    void projectsAndCatalogOfTheCaller() {
        String alice = tokenOf("alice");
        with(alice)
                .get("/identity/v3/auth/projects")
                .then()
                .statusCode(200)
                .body("projects.id", equalTo(List.of("project-a")))
                .body("projects[0].domain_id", equalTo("default"));
        with(alice)
                .get("/identity/v3/auth/catalog")
                .then()
                .statusCode(200)
                .body("catalog.type", hasItems("image", "key-manager", "identity"));
        with(alice)
                .get("/identity/v3/projects/project-a")
                .then()
                .statusCode(200)
                .body("project.name", equalTo("project-a"));
        assertKeystoneError(with(alice).get("/identity/v3/projects/project-b"), 403, "Forbidden");
        assertKeystoneError(with(alice).get("/identity/v3/projects?name=project-b"), 403, "Forbidden");

        String admin = tokenOf("admin");
        with(admin).get("/identity/v3/projects/project-b").then().statusCode(200);
        with(admin)
                .get("/identity/v3/projects?name=project-b")
                .then()
                .statusCode(200)
                .body("projects.id", equalTo(List.of("project-b")));
        with(admin)
                .get("/identity/v3/projects")
                .then()
                .statusCode(200)
                .body("projects.id", hasItems("admin-project", "project-a", "project-b", "service"));
        assertKeystoneError(with(admin).get("/identity/v3/projects/no-such-project"), 404, "Not Found");
    }

    /** Keycloak refuses control characters in a search (400); no project or user can have them, so none is found. */
    @Test
    void controlCharactersNameNothingRatherThanFailingTheLookup() {
        String admin = tokenOf("admin");
        with(admin)
                .urlEncodingEnabled(false)
                .get("/identity/v3/projects?name=%00")
                .then()
                .statusCode(200)
                .body("projects", empty());
        with(admin)
                .urlEncodingEnabled(false)
                .get("/identity/v3/projects?name=project-a%01")
                .then()
                .statusCode(200)
                .body("projects", empty());
        assertKeystoneError(with(admin).urlEncodingEnabled(false).get("/identity/v3/projects/a%1Fb"), 404, "Not Found");
        assertKeystoneError(login(password(byName("alice\u0000"), "alice", null)), 401, "Unauthorized");
    }

    @Nested
    class ApplicationCredentials {

        private String alice;
        private String aliceId;
        private final List<String> created = new ArrayList<>();

        @BeforeEach
        void login() {
            alice = tokenOf("alice");
            aliceId = with(alice)
                    .header("X-Subject-Token", alice)
                    .get("/identity/v3/auth/tokens?nocatalog")
                    .then()
                    .extract()
                    .path("token.user.id");
        }

        @AfterEach
        void deleteWhatWasCreated() {
            for (String id : created) {
                with(alice).delete(path() + "/" + id);
            }
        }

        String path() {
            return "/identity/v3/users/" + aliceId + "/application_credentials";
        }

        Response create(Map<String, Object> credential) {
            Response response = with(alice)
                    .contentType(ContentType.JSON)
                    .body(Map.of("application_credential", credential))
                    .post(path());
            if (response.statusCode() == 201) {
                created.add(response.jsonPath().getString("application_credential.id"));
            }
            return response;
        }

        Response loginWith(Map<String, Object> credential) {
            return IdentityEndpointTest.login(Map.of(
                    "auth",
                    Map.of(
                            "identity",
                            Map.of(
                                    "methods",
                                    List.of("application_credential"),
                                    "application_credential",
                                    credential))));
        }

        @Test
        void createLoginListShowAndDelete() {
            String name = "ci-" + UUID.randomUUID();
            Response made =
                    create(Map.of("name", name, "description", "the CI", "roles", List.of(Map.of("name", "reader"))));
            made.then()
                    .statusCode(201)
                    .body("application_credential.name", equalTo(name))
                    .body("application_credential.user_id", equalTo(aliceId))
                    .body("application_credential.project_id", equalTo("project-a"))
                    .body("application_credential.roles.name", equalTo(List.of("reader")))
                    .body("application_credential.unrestricted", equalTo(false));
            String id = made.jsonPath().getString("application_credential.id");
            String secret = made.jsonPath().getString("application_credential.secret");
            assertThat(secret).hasSizeGreaterThan(40);

            Response token = loginWith(Map.of("id", id, "secret", secret));
            token.then()
                    .statusCode(201)
                    .body("token.methods", equalTo(List.of("application_credential")))
                    .body("token.user.id", equalTo(aliceId))
                    .body("token.user.name", equalTo("alice"))
                    .body("token.project.id", equalTo("project-a"))
                    .body("token.roles.name", equalTo(List.of("reader")))
                    .body("token.application_credential.id", equalTo(id))
                    .body("token.application_credential.name", equalTo(name))
                    .body("token.application_credential.restricted", equalTo(true));
            String credentialToken = token.header("X-Subject-Token");
            with(credentialToken).get("/v2/images").then().statusCode(200);
            // A restricted credential cannot make more of itself.
            assertKeystoneError(
                    with(credentialToken)
                            .contentType(ContentType.JSON)
                            .body(Map.of("application_credential", Map.of("name", "more")))
                            .post(path()),
                    403,
                    "Forbidden");

            loginWith(Map.of("name", name, "user", Map.of("id", aliceId), "secret", secret))
                    .then()
                    .statusCode(201);
            loginWith(Map.of("name", name, "user", byName("alice"), "secret", secret))
                    .then()
                    .statusCode(201);
            assertKeystoneError(loginWith(Map.of("id", id, "secret", secret + "x")), 401, "Unauthorized");

            with(alice)
                    .get(path())
                    .then()
                    .statusCode(200)
                    .body("application_credentials.find { it.id == '" + id + "' }.name", equalTo(name))
                    .body("application_credentials.find { it.id == '" + id + "' }.secret", nullValue());
            with(alice).get(path() + "?name=" + name).then().body("application_credentials.id", equalTo(List.of(id)));
            with(alice)
                    .get(path() + "/" + id)
                    .then()
                    .statusCode(200)
                    .body("application_credential.description", equalTo("the CI"));
            assertKeystoneError(with(tokenOf("bob")).get(path()), 403, "Forbidden");

            with(alice).delete(path() + "/" + id).then().statusCode(204);
            assertKeystoneError(with(alice).get(path() + "/" + id), 404, "Not Found");
            assertKeystoneError(loginWith(Map.of("id", id, "secret", secret)), 401, "Unauthorized");
        }

        @Test
        void aChosenSecretWorksAndTheDefaultRolesAreTheTokens() {
            String secret = "chosen-" + UUID.randomUUID();
            Response made = create(Map.of("name", "chosen-" + UUID.randomUUID(), "secret", secret));
            made.then().statusCode(201).body("application_credential.secret", equalTo(secret));
            assertThat(made.jsonPath().getList("application_credential.roles.name"))
                    .contains("member", "reader");
            loginWith(Map.of("id", made.jsonPath().getString("application_credential.id"), "secret", secret))
                    .then()
                    .statusCode(201)
                    .body("token.roles.name", hasItems("member", "reader"));
        }

        @Test
        void invalidCredentialsAreRefused() {
            String name = "dup-" + UUID.randomUUID();
            create(Map.of("name", name)).then().statusCode(201);
            assertKeystoneError(create(Map.of("name", name)), 409, "Conflict");
            assertKeystoneError(
                    create(Map.of("name", "admin", "roles", List.of(Map.of("name", "admin")))), 400, "Bad Request");
            assertKeystoneError(
                    create(Map.of("name", "past", "expires_at", "2001-01-01T00:00:00Z")), 400, "Bad Request");
            assertKeystoneError(create(Map.of("description", "no name")), 400, "Bad Request");
            assertKeystoneError(
                    with(tokenOf("bob"))
                            .contentType(ContentType.JSON)
                            .body(Map.of("application_credential", Map.of("name", "theft")))
                            .post(path()),
                    403,
                    "Forbidden");
            assertKeystoneError(
                    loginWith(Map.of("id", UUID.randomUUID().toString().replace("-", ""), "secret", "x")),
                    401,
                    "Unauthorized");
        }
    }

    @Test
    void noPasswordOrSecretIsEverLogged() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                        + " " + record.getThrown());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        java.util.logging.Level level = Logger.getLogger("io.glimpse").getLevel();
        root.addHandler(capture);
        Logger.getLogger("io.glimpse").setLevel(java.util.logging.Level.ALL);
        try {
            String password = "wrong-password-" + UUID.randomUUID();
            login(password(byName("alice"), password, null)).then().statusCode(401);
            String secret = "secret-" + UUID.randomUUID();
            String alice = tokenOf("alice");
            String aliceId = with(alice)
                    .header("X-Subject-Token", alice)
                    .get("/identity/v3/auth/tokens")
                    .then()
                    .extract()
                    .path("token.user.id");
            String path = "/identity/v3/users/" + aliceId + "/application_credentials";
            String id = with(alice)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "application_credential", Map.of("name", "log-" + UUID.randomUUID(), "secret", secret)))
                    .post(path)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("application_credential.id");
            login(Map.of(
                            "auth",
                            Map.of(
                                    "identity",
                                    Map.of(
                                            "methods",
                                            List.of("application_credential"),
                                            "application_credential",
                                            Map.of("id", id, "secret", secret)))))
                    .then()
                    .statusCode(201);
            with(alice).delete(path + "/" + id).then().statusCode(204);

            assertThat(logged).noneMatch(line -> line.contains(password) || line.contains(secret));
        } finally {
            root.removeHandler(capture);
            Logger.getLogger("io.glimpse").setLevel(level);
        }
    }
}
