package io.glimpse.gateway.routing;

import io.glimpse.gateway.error.GatewayException;

/** A body sent to a route marked "body not allowed" (§1.3). */
public class BodyNotAllowedException extends GatewayException {

    public BodyNotAllowedException() {
        super(400, "A body is not expected with this request.");
    }
}
