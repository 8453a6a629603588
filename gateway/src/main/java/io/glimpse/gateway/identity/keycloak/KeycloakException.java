package io.glimpse.gateway.identity.keycloak;

/** A call to Keycloak that did not give what was asked. */
public abstract sealed class KeycloakException extends RuntimeException
        permits KeycloakRejectedException, KeycloakUnavailableException {

    protected KeycloakException(String message) {
        // No stack trace: an expected outcome (a wrong password, Keycloak down), reported by its message.
        super(message, null, false, false);
    }
}
