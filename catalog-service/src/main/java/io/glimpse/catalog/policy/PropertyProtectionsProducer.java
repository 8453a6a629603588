package io.glimpse.catalog.policy;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.policy.PolicyEngine;
import io.glimpse.policy.protection.Flavor;
import io.glimpse.policy.protection.PropertyProtections;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads the property protection file at start (eagerly: a missing or invalid file must stop the
 * service, as it stops Glance), resolving policy-flavour rule names against the catalog's policy.
 */
public class PropertyProtectionsProducer {
    private static final Logger LOG = Logger.getLogger(PropertyProtectionsProducer.class);

    @Produces
    @Singleton
    @Startup
    PropertyRules propertyRules(CatalogConfig config, PolicyEngine policy) {
        return config.propertyProtection()
                .file()
                .map(file -> {
                    Flavor flavor = Flavor.valueOf(
                            config.propertyProtection().ruleFormat().toUpperCase(Locale.ROOT));
                    PropertyProtections protections = PropertyProtections.load(Path.of(file), flavor, policy);
                    protections
                            .ignoredSections()
                            .forEach(section -> LOG.warnf(
                                    "property protection section [%s] ignored: os_glance* properties are reserved",
                                    section));
                    LOG.infof("property protections from %s (%s)", file, flavor);
                    return PropertyRules.enforcing(protections);
                })
                .orElseGet(PropertyRules::unrestricted);
    }
}
