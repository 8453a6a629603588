package io.glimpse.gateway.support;

import io.glimpse.testsupport.LocalSuite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Changes to realm {@code glimpse} that tests need and the demo users cannot show (a disabled user,
 * a user who loses a role), through Keycloak's admin API as the local admin console user. Each test
 * makes its own throw-away user and deletes it.
 */
public final class RealmAdmin {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RealmAdmin() {}

    /** A new enabled user with this password, project and realm roles; returns its id. */
    public static String createUser(String username, String password, String project, String... roles) {
        JsonObject user = new JsonObject()
                .put("username", username)
                .put("enabled", true)
                .put("emailVerified", true)
                .put("firstName", "Test")
                .put("lastName", "User")
                .put("email", username + "@glimpse.test")
                .put("attributes", new JsonObject().put("project_id", new JsonArray().add(project)))
                .put(
                        "credentials",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("type", "password")
                                        .put("value", password)
                                        .put("temporary", false)));
        HttpResponse<String> created = send("POST", "/users", user.encode());
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        JsonArray mappings = new JsonArray();
        for (String role : roles) {
            mappings.add(new JsonObject(send("GET", "/roles/" + role, null).body()));
        }
        send("POST", "/users/" + id + "/role-mappings/realm", mappings.encode());
        return id;
    }

    public static void disable(String userId) {
        JsonObject user = new JsonObject(send("GET", "/users/" + userId, null).body()).put("enabled", false);
        send("PUT", "/users/" + userId, user.encode());
    }

    public static void removeRole(String userId, String role) {
        JsonArray mapping = new JsonArray()
                .add(new JsonObject(send("GET", "/roles/" + role, null).body()));
        send("DELETE", "/users/" + userId + "/role-mappings/realm", mapping.encode());
    }

    public static void deleteUser(String userId) {
        send("DELETE", "/users/" + userId, null);
    }

    private static HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(LocalSuite.keycloakUrl() + "/admin/realms/glimpse" + path))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = exchange(request.build());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode("admin", StandardCharsets.UTF_8);
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(
                        URI.create(LocalSuite.keycloakUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
        return new JsonObject(response.body()).getString("access_token");
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
