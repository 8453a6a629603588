package io.glimpse.gateway.requestid;

import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/** The id that ties a request's log lines, events and task records together across services (§1.2). */
public record RequestId(String value) {

    /** The header as callers send it and as the gateway forwards it upstream. */
    public static final String HEADER = "X-Openstack-Request-Id";
    /** The header as Glance spells it on responses. */
    public static final String RESPONSE_HEADER = "x-openstack-request-id";

    static final String PREFIX = "req-";
    private static final String CONTEXT_KEY = RequestId.class.getName();

    public static RequestId generate() {
        return new RequestId(PREFIX + UUID.randomUUID());
    }

    /** The caller's id, prefixed with {@code req-} when it lacks it, as Glance does. */
    public static RequestId fromCaller(String inbound) {
        return new RequestId(inbound.startsWith(PREFIX) ? inbound : PREFIX + inbound);
    }

    /** The id the {@link RequestIdFilter} assigned to this request. */
    public static RequestId of(RoutingContext ctx) {
        RequestId id = ctx.get(CONTEXT_KEY);
        if (id == null) {
            throw new IllegalStateException(
                    "RequestIdFilter did not run for " + ctx.request().path());
        }
        return id;
    }

    void attachTo(RoutingContext ctx) {
        ctx.put(CONTEXT_KEY, this);
    }

    @Override
    public String toString() {
        return value;
    }
}
