package io.glimpse.gateway.requestid;

import io.glimpse.gateway.error.GatewayException;

/** The caller's {@code X-Openstack-Request-Id} exceeds Glance's {@code max_request_id_length}. */
public class RequestIdTooLongException extends GatewayException {

    public RequestIdTooLongException(int maxLength) {
        super(431, "x-openstack-request-id is too long, max size " + maxLength);
    }
}
