package io.glimpse.systemtests;

import io.glimpse.testsupport.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what to an image of project-a, through the gateway with real tokens, for every persona
 * and visibility, with Glance's exact codes under its secure-RBAC defaults (glance-v2-api.md §14):
 * an operation on an image the caller cannot see, or whose get_image it fails, is 404; on an image
 * it can see but may not change, 403.
 */
class AuthorizationMatrixTest extends ThroughTheGateway {

    enum Persona {
        ADMIN,
        ALICE,
        CAROL,
        BOB,
        SVC,
        NO_TOKEN,
        FORGED
    }

    enum Operation {
        SHOW,
        PATCH_NAME,
        ADD_TAG,
        DELETE
    }

    private static final Map<String, String> IMAGES = new java.util.HashMap<>();

    @BeforeAll
    static void imagesOfProjectA() {
        for (String visibility : List.of("private", "shared", "community", "public")) {
            // Only an admin may publicize; it creates the public image on behalf of project-a.
            String creator = visibility.equals("public") ? "admin" : "alice";
            IMAGES.put(
                    visibility,
                    createImage(
                                    creator,
                                    Map.of(
                                            "name",
                                            uniqueName("matrix-" + visibility),
                                            "visibility",
                                            visibility,
                                            "owner",
                                            "project-a"))
                            .then()
                            .statusCode(201)
                            .extract()
                            .path("id"));
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (String visibility : List.of("private", "shared", "community", "public")) {
            boolean visibleToOthers = visibility.equals("community") || visibility.equals("public");
            for (Persona persona : List.of(
                    Persona.ADMIN,
                    Persona.ALICE,
                    Persona.CAROL,
                    Persona.BOB,
                    Persona.SVC,
                    Persona.NO_TOKEN,
                    Persona.FORGED)) {
                Map<Operation, Integer> expected = new EnumMap<>(Operation.class);
                switch (persona) {
                    case ADMIN, ALICE ->
                        expected.putAll(Map.of(Operation.SHOW, 200, Operation.PATCH_NAME, 200, Operation.ADD_TAG, 204));
                    // A reader of the owning project sees everything and changes nothing.
                    case CAROL ->
                        expected.putAll(Map.of(
                                Operation.SHOW,
                                200,
                                Operation.PATCH_NAME,
                                403,
                                Operation.ADD_TAG,
                                403,
                                Operation.DELETE,
                                403));
                    case BOB -> {
                        int change = visibleToOthers ? 403 : 404;
                        expected.putAll(Map.of(
                                Operation.SHOW,
                                visibleToOthers ? 200 : 404,
                                Operation.PATCH_NAME,
                                change,
                                Operation.ADD_TAG,
                                change,
                                Operation.DELETE,
                                change));
                    }
                    // The service role is no reader: get_image fails, which is always 404.
                    case SVC ->
                        expected.putAll(Map.of(
                                Operation.SHOW,
                                404,
                                Operation.PATCH_NAME,
                                404,
                                Operation.ADD_TAG,
                                404,
                                Operation.DELETE,
                                404));
                    case NO_TOKEN, FORGED ->
                        expected.putAll(Map.of(
                                Operation.SHOW,
                                401,
                                Operation.PATCH_NAME,
                                401,
                                Operation.ADD_TAG,
                                401,
                                Operation.DELETE,
                                401));
                }
                expected.forEach(
                        (operation, status) -> cases.add(Arguments.of(visibility, persona, operation, status)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} {2} on a {0} image of project-a -> {3}")
    @MethodSource("matrix")
    void imageOperations(String visibility, Persona persona, Operation operation, int expected) {
        String id = IMAGES.get(visibility);
        RequestSpecification request = as(persona);
        int status = switch (operation) {
            case SHOW -> request.get("/v2/images/" + id).statusCode();
            case PATCH_NAME ->
                request.contentType("application/openstack-images-v2.1-json-patch")
                        .body("[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"renamed\"}]"
                                .getBytes(StandardCharsets.UTF_8))
                        .patch("/v2/images/" + id)
                        .statusCode();
            case ADD_TAG -> request.put("/v2/images/" + id + "/tags/matrix").statusCode();
            case DELETE -> request.delete("/v2/images/" + id).statusCode();
        };
        assertThat(status).isEqualTo(expected);
    }

    @Test
    void ownersAndAdminsDeleteAndTheImageIsGone() {
        for (Function<String, String> deleter : List.<Function<String, String>>of(v -> "alice", v -> "admin")) {
            String id = createImage("alice", Map.of("name", uniqueName("matrix-delete")))
                    .jsonPath()
                    .getString("id");
            assertThat(as(deleter.apply(id)).delete("/v2/images/" + id).statusCode())
                    .isEqualTo(204);
            assertThat(as("alice").get("/v2/images/" + id).statusCode()).isEqualTo(404);
            assertThat(as("alice").delete("/v2/images/" + id).statusCode()).isEqualTo(404);
        }
    }

    @ParameterizedTest(name = "{0} creates -> {1}, lists -> {2}")
    @MethodSource("collection")
    void collectionOperations(Persona persona, int create, int list) {
        assertThat(as(persona)
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", uniqueName("matrix-create")))
                        .post("/v2/images")
                        .statusCode())
                .isEqualTo(create);
        assertThat(as(persona).get("/v2/images").statusCode()).isEqualTo(list);
    }

    static Stream<Arguments> collection() {
        return Stream.of(
                Arguments.of(Persona.ADMIN, 201, 200),
                Arguments.of(Persona.ALICE, 201, 200),
                Arguments.of(Persona.BOB, 201, 200),
                Arguments.of(Persona.CAROL, 403, 200),
                Arguments.of(Persona.SVC, 403, 403),
                Arguments.of(Persona.NO_TOKEN, 401, 401),
                Arguments.of(Persona.FORGED, 401, 401));
    }

    @Test
    void anExpiredTokenIsRefused() throws InterruptedException {
        String token = Tokens.shortLived("alice");
        assertThat(RestAssured.given()
                        .header("X-Auth-Token", token)
                        .get("/v2/images")
                        .statusCode())
                .isEqualTo(200);

        // The token lives one second; the gateway allows 30 s of clock skew (glimpse.gateway.security.clock-skew).
        Thread.sleep(32_000);

        assertThat(RestAssured.given()
                        .header("X-Auth-Token", token)
                        .get("/v2/images")
                        .statusCode())
                .isEqualTo(401);
    }

    private static RequestSpecification as(Persona persona) {
        return switch (persona) {
            case NO_TOKEN -> RestAssured.given().accept(ContentType.JSON);
            case FORGED -> RestAssured.given().header("X-Auth-Token", forged()).accept(ContentType.JSON);
            default -> ThroughTheGateway.as(persona.name().toLowerCase(java.util.Locale.ROOT));
        };
    }

    /** alice's real token with its payload changed to make her an admin: the signature no longer matches. */
    private static String forged() {
        String[] parts = Tokens.forUser("alice").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"roles\":[", "\"roles\":[\"admin\",");
        return parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
    }
}
