package io.glimpse.catalog.policy;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The two sample protection files of glance-v2-api.md §12, one Quarkus boot each. */
public final class ProtectionProfiles {
    private ProtectionProfiles() {}

    /** {@code [^x_.*]} → admin, member; {@code [.*]} → admin. */
    public static class Roles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "glimpse.catalog.property-protection.file",
                    "src/test/resources/protection/property-protections-roles.conf",
                    "glimpse.catalog.property-protection.rule-format",
                    "roles");
        }
    }

    /**
     * {@code [^x_.*]} → rule default (everyone); {@code [.*]} → rule context_is_admin. The same boot also
     * replaces the bundled schema-image.json with an operator file in the extended format.
     */
    public static class Policies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "glimpse.catalog.property-protection.file",
                    "src/test/resources/protection/property-protections-policies.conf",
                    "glimpse.catalog.property-protection.rule-format",
                    "policies",
                    "glimpse.catalog.schema-file",
                    "src/test/resources/schema-image-extended.json");
        }
    }
}
