package io.glimpse.policy.protection;

import io.glimpse.policy.Credentials;
import io.glimpse.policy.PolicyEngine;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Who may perform one operation on the properties one section matches. */
sealed interface Permission {

    boolean allows(Credentials creds, PolicyEngine policy);

    /** {@code @}. */
    record Everyone() implements Permission {
        @Override
        public boolean allows(Credentials creds, PolicyEngine policy) {
            return true;
        }
    }

    /** {@code !}, and also an empty value. */
    record Nobody() implements Permission {
        @Override
        public boolean allows(Credentials creds, PolicyEngine policy) {
            return false;
        }
    }

    /** roles flavour: the caller holds at least one of these (lower-cased) roles. */
    record AnyRole(Set<String> roles) implements Permission {
        public AnyRole {
            roles = Set.copyOf(roles);
        }

        @Override
        public boolean allows(Credentials creds, PolicyEngine policy) {
            return roles.stream().anyMatch(creds.roles()::contains);
        }
    }

    /** policies flavour: the named policy rule passes. Glance enforces it with an empty target. */
    record PolicyRule(String ruleName) implements Permission {
        public PolicyRule {
            Objects.requireNonNull(ruleName, "ruleName");
        }

        @Override
        public boolean allows(Credentials creds, PolicyEngine policy) {
            return policy.allowed(ruleName, creds, Map.of());
        }
    }
}
