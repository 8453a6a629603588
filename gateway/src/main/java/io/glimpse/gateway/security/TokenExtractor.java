package io.glimpse.gateway.security;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

import java.util.Optional;
import java.util.regex.Pattern;

/** Finds the token: {@code X-Auth-Token} (what OpenStack clients send) first, then {@code Authorization: Bearer}. */
final class TokenExtractor {

    static final String X_AUTH_TOKEN = "X-Auth-Token";
    private static final Pattern BEARER = Pattern.compile("^Bearer\\s+(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);

    private TokenExtractor() {}

    static Optional<String> from(MultiMap headers) {
        String authToken = headers.get(X_AUTH_TOKEN);
        if (authToken != null && !authToken.isBlank()) {
            return Optional.of(authToken.trim());
        }
        String authorization = headers.get(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Optional.empty();
        }
        var matcher = BEARER.matcher(authorization);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
