/**
 * Glance property protections: {@link io.glimpse.policy.protection.PropertyProtections} loads the
 * INI file and answers create/read/update/delete questions about additional image properties.
 */
package io.glimpse.policy.protection;
