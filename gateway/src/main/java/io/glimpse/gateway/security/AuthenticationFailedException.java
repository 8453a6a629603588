package io.glimpse.gateway.security;

import io.glimpse.gateway.error.GatewayException;

import java.util.List;
import java.util.Map;

/**
 * 401, with the challenges a client can act on: keystonemiddleware's
 * {@code Keystone uri='<where to get a token>'} that OpenStack clients know, and an RFC 6750
 * {@code Bearer} challenge that says what was wrong with a presented token.
 */
public class AuthenticationFailedException extends GatewayException {

    private final TokenRejection reason;
    private final String authUri;

    public AuthenticationFailedException(TokenRejection reason, String authUri) {
        super(401, "The request you have made requires authentication.");
        this.reason = reason;
        this.authUri = authUri;
    }

    public TokenRejection reason() {
        return reason;
    }

    @Override
    public Map<String, List<String>> headers() {
        String bearer = reason == TokenRejection.MISSING
                ? "Bearer realm=\"glimpse\""
                : "Bearer realm=\"glimpse\", error=\"invalid_token\", error_description=\"" + reason.description()
                        + "\"";
        return Map.of("WWW-Authenticate", List.of("Keystone uri='" + authUri + "'", bearer));
    }
}
