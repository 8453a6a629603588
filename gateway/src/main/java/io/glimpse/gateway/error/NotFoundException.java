package io.glimpse.gateway.error;

/** No such resource: unknown paths, empty path segments, and everything under {@code /internal}. */
public class NotFoundException extends GatewayException {

    public NotFoundException() {
        super(404, "The resource could not be found.");
    }
}
