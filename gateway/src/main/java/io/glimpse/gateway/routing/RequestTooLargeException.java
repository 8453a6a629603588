package io.glimpse.gateway.routing;

import io.glimpse.gateway.error.GatewayException;

/** A body over the limit of its route (everything but image data); the rest of it is not read. */
public class RequestTooLargeException extends GatewayException {

    public RequestTooLargeException(long limit) {
        super(413, "The request body is larger than the " + limit + " bytes this call accepts.");
    }

    @Override
    public boolean closesConnection() {
        return true;
    }
}
