package io.glimpse.gateway.identity;

import io.glimpse.gateway.identity.keycloak.KeycloakClient;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The identity endpoint's Keycloak client, configured from {@link IdentityConfig}. */
public class KeycloakClientProducer {

    @Produces
    @Singleton
    KeycloakClient keycloakClient(Vertx vertx, IdentityConfig config) {
        return new KeycloakClient(
                vertx,
                config.tokenUrl(),
                config.adminUrl(),
                config.clientId(),
                config.clientSecret(),
                config.keycloakTimeout());
    }

    void close(@Disposes KeycloakClient client) {
        client.close();
    }
}
