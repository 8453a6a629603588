/**
 * Image-specific helpers: {@link io.glimpse.policy.image.ImageAccess} decides visibility (services
 * answer 404 when it says no) and {@link io.glimpse.policy.image.ImageFacts} builds the policy target.
 */
package io.glimpse.policy.image;
