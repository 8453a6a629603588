package io.glimpse.policy.protection;

import io.glimpse.policy.Credentials;
import io.glimpse.policy.Personas;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Helpers shared by the protection tests. */
final class ProtectionAssertions {

    private ProtectionAssertions() {}

    static Path resource(String name) {
        try {
            return Path.of(ProtectionAssertions.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The personas allowed to perform {@code operation} on {@code property}. */
    static Set<String> allowed(PropertyProtections protections, String property, Operation operation) {
        return Personas.ALL.values().stream()
                .filter(creds -> protections.allowed(property, operation, creds))
                .map(Credentials::userId)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
