package io.glimpse.gateway.routing;

import io.glimpse.gateway.error.GatewayException;

import java.util.List;
import java.util.Map;

/** A known route called with a method it does not have (§1.3): 405 with {@code Allow}. */
public class MethodNotAllowedException extends GatewayException {

    private final String allow;

    public MethodNotAllowedException(String method, String allow) {
        super(405, "The method " + method + " is not allowed for this resource.");
        this.allow = allow;
    }

    @Override
    public Map<String, List<String>> headers() {
        return Map.of("Allow", List.of(allow));
    }
}
