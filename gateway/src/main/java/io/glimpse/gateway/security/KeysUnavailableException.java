package io.glimpse.gateway.security;

import io.glimpse.gateway.error.GatewayException;

/**
 * The signing keys could not be fetched, so no token can be checked: 503, as keystonemiddleware
 * answers when Keystone is unreachable.
 */
public class KeysUnavailableException extends GatewayException {

    public KeysUnavailableException(Throwable cause) {
        super(503, "The identity service cannot be reached to verify the token. Please try again later.", cause);
    }
}
