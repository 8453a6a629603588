package io.glimpse.catalog;

import io.glimpse.testsupport.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Calls to the catalog under test with real Keycloak tokens. */
public final class Api {
    public static final String PATCH_V20 = "application/openstack-images-v2.0-json-patch";
    public static final String PATCH_V21 = "application/openstack-images-v2.1-json-patch";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private Api() {}

    public static RequestSpecification as(String user) {
        return RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.forUser(user))
                .accept(ContentType.JSON);
    }

    public static RequestSpecification asService() {
        return RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.serviceAccount())
                .accept(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Response create(String user, Object body) {
        return as(user).contentType(ContentType.JSON).body(body).post("/v2/images");
    }

    /** Creates an image and returns its id; fails the test unless the answer is 201. */
    public static String createId(String user, Map<String, Object> body) {
        Response created = create(user, body);
        if (created.statusCode() != 201) {
            throw new AssertionError("create failed: " + created.statusCode() + " " + created.asString());
        }
        return created.jsonPath().getString("id");
    }

    public static Response show(String user, String id) {
        return as(user).get("/v2/images/" + id);
    }

    public static Response patch(String user, String id, String mediaType, Object ops) {
        String body;
        try {
            body = ops instanceof String text ? text : JSON.writeValueAsString(ops);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return as(user).contentType(mediaType)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .patch("/v2/images/" + id);
    }

    /** A v2.1 (RFC 6902 style) operation. */
    public static Map<String, Object> op(String op, String path, Object value) {
        java.util.Map<String, Object> operation = new java.util.LinkedHashMap<>();
        operation.put("op", op);
        operation.put("path", path);
        operation.put("value", value);
        return operation;
    }

    public static Map<String, Object> remove(String path) {
        return Map.of("op", "remove", "path", path);
    }

    /** A v2.0 (draft-04) operation, as tempest sends it. */
    public static Map<String, Object> draft04(String op, String path, Object value) {
        java.util.Map<String, Object> operation = new java.util.LinkedHashMap<>();
        operation.put(op, path);
        if (!op.equals("remove")) {
            operation.put("value", value);
        }
        return operation;
    }

    public static Response list(String user, String query) {
        return as(user).urlEncodingEnabled(false).get("/v2/images" + (query.isEmpty() ? "" : "?" + query));
    }

    public static List<String> listIds(String user, String query) {
        Response listed = list(user, query);
        if (listed.statusCode() != 200) {
            throw new AssertionError("list failed: " + listed.statusCode() + " " + listed.asString());
        }
        return listed.jsonPath().getList("images.id");
    }
}
