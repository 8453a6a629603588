/**
 * Glance-compatible authorization for Glimpse services.
 *
 * <ul>
 *   <li>{@link io.glimpse.policy.PolicyEngine}: named oslo.policy rules, Glance's secure-RBAC
 *       defaults plus the operator's policy file, evaluated for {@link io.glimpse.policy.Credentials}
 *       against a target map; {@link io.glimpse.policy.GlancePolicy} names the rules.</li>
 *   <li>{@link io.glimpse.policy.image}: whether a caller can see an image at all (the 404 case)
 *       and the policy target for an image.</li>
 *   <li>{@link io.glimpse.policy.protection}: Glance property protections.</li>
 * </ul>
 */
package io.glimpse.policy;
