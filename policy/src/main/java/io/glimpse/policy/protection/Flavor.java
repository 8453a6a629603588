package io.glimpse.policy.protection;

/** Glance's {@code property_protection_rule_format}: what the values in the file name. */
public enum Flavor {
    /** Comma lists of roles ({@code create = admin,member}). Glance's default. */
    ROLES,
    /** One policy rule name per operation ({@code create = context_is_admin}). */
    POLICIES
}
