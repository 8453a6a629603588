package io.glimpse.gateway.console;

import io.glimpse.gateway.error.GatewayException;

/** A signed-in user without the console's role: the console shows nothing to them. */
public class OperatorRequiredException extends GatewayException {

    public OperatorRequiredException(String role) {
        super(403, "The operator console needs the '" + role + "' role.");
    }
}
