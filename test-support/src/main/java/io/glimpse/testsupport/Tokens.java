package io.glimpse.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Real access tokens from the suite's Keycloak, the way a user's client gets them: the password grant
 * of the public client {@code glimpse-cli} for the demo users (password = user name), and the
 * client-credentials grant of {@code glimpse-service} for service-to-service calls. Tokens are cached
 * for the test JVM; they live an hour.
 */
public final class Tokens {
    public static final String SERVICE_CLIENT_SECRET = "glimpse-service-secret";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {}

    /** An access token for a demo user: admin, alice, bob, carol or svc. */
    public static String forUser(String user) {
        return CACHE.computeIfAbsent(
                "user:" + user,
                key -> fetch(Map.of(
                        "grant_type", "password", "client_id", "glimpse-cli", "username", user, "password", user)));
    }

    /**
     * A fresh token of a demo user from the client {@code glimpse-cli-short-lived}, whose tokens expire
     * one second after they are issued (never cached).
     */
    public static String shortLived(String user) {
        return fetch(Map.of(
                "grant_type", "password", "client_id", "glimpse-cli-short-lived", "username", user, "password", user));
    }

    /** A token of the service account Glimpse's services use to call each other. */
    public static String serviceAccount() {
        return CACHE.computeIfAbsent(
                "service",
                key -> fetch(Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        "glimpse-service",
                        "client_secret",
                        SERVICE_CLIENT_SECRET)));
    }

    private static String fetch(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(LocalSuite.realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "Keycloak refused a token (" + response.statusCode() + "): " + response.body());
            }
            JsonNode token = JSON.readTree(response.body());
            return token.get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Keycloak is not reachable at " + LocalSuite.keycloakUrl()
                            + " - start the components with deploy/local/glimpse infra-up",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
