package io.glimpse.catalog.service;

import io.glimpse.support.security.Caller;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.UUID;

/** Catalog acting on its own (resuming a hash, recovering an upload): who it is in events, and where it runs. */
final class CatalogItself {
    private CatalogItself() {}

    /** The caller catalog's own background work acts as, with a request id of its own. */
    static Caller caller() {
        return new Caller("catalog-service", "service", Set.of("service"), "req-" + UUID.randomUUID());
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
