package io.glimpse.gateway.identity.keycloak;

/**
 * Keycloak refused the credentials or the request: a wrong password, an unknown or disabled user, a
 * wrong client secret, an expired one, a duplicate. The message is Keycloak's error code, never the
 * credentials.
 */
public final class KeycloakRejectedException extends KeycloakException {

    public KeycloakRejectedException(String reason) {
        super(reason);
    }
}
