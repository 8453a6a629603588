package io.glimpse.catalog.policy;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.policy.PolicyConfigurationException;
import io.glimpse.policy.PolicyEngine;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The producer runs at start (@Startup), so what it throws stops the service: a missing or invalid
 * protection file must throw, as it stops Glance.
 */
class PropertyProtectionsProducerTest {

    @Test
    void aMissingOrInvalidFileFailsTheStart() {
        PropertyProtectionsProducer producer = new PropertyProtectionsProducer();

        assertThatThrownBy(() -> producer.propertyRules(
                        config("src/test/resources/protection/nope.conf", "roles"), PolicyEngine.withDefaults()))
                .isInstanceOf(PolicyConfigurationException.class);
        assertThatThrownBy(() -> producer.propertyRules(
                        config("src/test/resources/protection/invalid.conf", "roles"), PolicyEngine.withDefaults()))
                .isInstanceOf(PolicyConfigurationException.class);
        assertThatThrownBy(() -> producer.propertyRules(
                        config("src/test/resources/protection/property-protections-roles.conf", "yaml"),
                        PolicyEngine.withDefaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static CatalogConfig config(String file, String format) {
        CatalogConfig.PropertyProtection protection = (CatalogConfig.PropertyProtection) Proxy.newProxyInstance(
                CatalogConfig.class.getClassLoader(),
                new Class<?>[] {CatalogConfig.PropertyProtection.class},
                (proxy, method, args) -> method.getName().equals("file") ? Optional.of(file) : format);
        return (CatalogConfig) Proxy.newProxyInstance(
                CatalogConfig.class.getClassLoader(),
                new Class<?>[] {CatalogConfig.class},
                (proxy, method, args) -> protection);
    }
}
