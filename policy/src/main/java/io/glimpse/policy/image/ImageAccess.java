package io.glimpse.policy.image;

import io.glimpse.policy.Credentials;
import io.glimpse.policy.GlancePolicy;
import io.glimpse.policy.PolicyEngine;

import java.util.Map;
import java.util.Objects;

/**
 * Whether a caller can see an image at all (Glance's {@code is_image_visible}, §2.5/§4.5).
 * Services answer 404 instead of 403 when this is false, so hidden images are not disclosed.
 * Who is admin is decided by the {@code context_is_admin} rule, so operator overrides apply.
 */
public final class ImageAccess {

    private final PolicyEngine policy;

    public ImageAccess(PolicyEngine policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public boolean isAdmin(Credentials caller) {
        // Glance checks context_is_admin with the caller's own context as target.
        return policy.allowed(
                GlancePolicy.CONTEXT_IS_ADMIN,
                caller,
                Map.of(Credentials.PROJECT_ID, caller.projectId(), Credentials.USER_ID, caller.userId()));
    }

    public boolean isVisible(Credentials caller, ImageFacts image) {
        if (isAdmin(caller) || image.owner().isEmpty()) {
            return true;
        }
        return switch (image.visibility()) {
            case PUBLIC, COMMUNITY -> true;
            // Any membership status will do: pending and rejected images stay readable by id.
            case SHARED ->
                image.isOwnedBy(caller.projectId()) || image.callerMembership().isPresent();
            case PRIVATE -> image.isOwnedBy(caller.projectId());
        };
    }
}
