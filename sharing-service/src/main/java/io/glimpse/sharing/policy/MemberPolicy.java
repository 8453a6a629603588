package io.glimpse.sharing.policy;

import io.glimpse.contracts.model.MemberStatus;
import io.glimpse.policy.Credentials;
import io.glimpse.policy.GlancePolicy;
import io.glimpse.policy.PolicyEngine;
import io.glimpse.policy.image.ImageAccess;
import io.glimpse.policy.image.ImageFacts;
import io.glimpse.policy.image.ImageVisibility;
import io.glimpse.sharing.domain.ImageNotFoundException;
import io.glimpse.sharing.domain.ImageProjection;
import io.glimpse.sharing.domain.MemberNotFoundException;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every authorization decision of the members API, called explicitly at the start of each use case,
 * in Glance's order (image_members.py): the image must be visible to the caller (else 404), then
 * shared (else 403 "Only shared images have members."), then the operation's rule must pass (else 403).
 * Showing one member answers 404 for every one of those denials, so it never discloses who is a member.
 */
@ApplicationScoped
public class MemberPolicy {
    static final String NOT_SHARED = "Only shared images have members.";

    private final PolicyEngine engine;
    private final ImageAccess access;

    public MemberPolicy(PolicyEngine engine) {
        this.engine = engine;
        this.access = new ImageAccess(engine);
    }

    /**
     * @param callerMembership the caller's own membership of the image, if it has one (it makes a
     *                         shared image visible and names the caller as {@code member_id})
     * @param memberId         the member the request is about, for the 404 message of a hidden show
     * @throws ImageNotFoundException       when the caller may not see the image
     * @throws MemberNotFoundException      for {@link MemberOperation#SHOW_MEMBER} instead of any 403
     * @throws GlimpseException.Forbidden   when the image is not shared or the rule denies
     */
    public void authorize(
            MemberOperation operation,
            Caller caller,
            ImageProjection image,
            Optional<MemberStatus> callerMembership,
            String memberId) {
        Credentials credentials = credentials(caller);
        ImageFacts facts = facts(image, callerMembership);
        Map<String, String> target = facts.policyTarget(credentials);
        if (!access.isVisible(credentials, facts) || !engine.allowed(GlancePolicy.GET_IMAGE, credentials, target)) {
            throw new ImageNotFoundException(image.imageId);
        }
        String denial = facts.visibility() != ImageVisibility.SHARED
                ? NOT_SHARED
                : engine.allowed(operation.rule(), credentials, target)
                        ? null
                        : "Policy doesn't allow " + operation.rule().ruleName() + " to be performed.";
        if (denial == null) {
            return;
        }
        if (operation == MemberOperation.SHOW_MEMBER) {
            throw new MemberNotFoundException(image.imageId, memberId);
        }
        throw new GlimpseException.Forbidden(denial);
    }

    /**
     * Whether the caller sees every member of the image or only its own entry: Glance's member
     * lookups match rows of images the caller's project owns, or rows naming the caller's project.
     */
    public boolean seesEveryMember(Caller caller, ImageProjection image) {
        Credentials credentials = credentials(caller);
        return access.isAdmin(credentials) || Objects.equals(image.owner, credentials.projectId());
    }

    private static ImageFacts facts(ImageProjection image, Optional<MemberStatus> callerMembership) {
        ImageVisibility visibility = ImageVisibility.fromWireValue(image.visibility)
                .orElseThrow(() ->
                        new IllegalStateException("image " + image.imageId + " has visibility " + image.visibility));
        return new ImageFacts(
                Optional.ofNullable(image.owner),
                visibility,
                callerMembership.map(status -> io.glimpse.policy.image.MemberStatus.valueOf(status.name())));
    }

    private static Credentials credentials(Caller caller) {
        // A service account's token may name no project; it then owns nothing and is a member of nothing.
        return new Credentials(
                caller.userId(), Objects.requireNonNullElse(caller.projectId(), ""), caller.roles(), Map.of());
    }
}
