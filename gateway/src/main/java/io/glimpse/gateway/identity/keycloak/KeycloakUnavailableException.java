package io.glimpse.gateway.identity.keycloak;

/** Keycloak could not be reached, or answered something the identity endpoint cannot use. */
public final class KeycloakUnavailableException extends KeycloakException {

    public KeycloakUnavailableException(String message) {
        super(message);
    }
}
