package io.glimpse.imports.service;

import io.glimpse.imports.config.ImportConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This instance's name in leases: host and port unless configured. Stable across restarts, so an instance that comes
 * back takes over at once what it was doing when it died, instead of waiting for its old leases to run out.
 */
@ApplicationScoped
public class Instance {
    private final String name;

    public Instance(ImportConfig config, @ConfigProperty(name = "quarkus.http.port") int port) {
        this.name = config.work().instanceName().orElseGet(() -> hostName() + ":" + port);
    }

    public String name() {
        return name;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
