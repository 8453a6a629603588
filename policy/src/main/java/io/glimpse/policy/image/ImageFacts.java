package io.glimpse.policy.image;

import io.glimpse.policy.Credentials;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What access decisions need to know about one image, from the point of view of one caller:
 * its owner (none for images that belong to nobody), its visibility, and the caller's membership
 * row if it has one.
 */
public record ImageFacts(Optional<String> owner, ImageVisibility visibility, Optional<MemberStatus> callerMembership) {

    public static final String OWNER = "owner";
    public static final String PROJECT_ID = "project_id";
    public static final String VISIBILITY = "visibility";
    public static final String MEMBER_ID = "member_id";
    public static final String MEMBER_STATUS = "member_status";

    public ImageFacts {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(callerMembership, "callerMembership");
    }

    public static ImageFacts ownedBy(String owner, ImageVisibility visibility) {
        return new ImageFacts(Optional.of(owner), visibility, Optional.empty());
    }

    public ImageFacts withCallerMembership(MemberStatus status) {
        return new ImageFacts(owner, visibility, Optional.of(status));
    }

    public boolean isOwnedBy(String projectId) {
        return owner.filter(projectId::equals).isPresent();
    }

    /**
     * The policy target for a rule about this image, built the way §14.1 describes Glance's:
     * {@code owner} and {@code project_id} are the owner, {@code visibility} the wire value, and
     * {@code member_id}/{@code member_status} are the caller's project and membership status when
     * the caller is a member of this shared image and not its owner. Absent values are left out,
     * so checks on them are false.
     */
    public Map<String, String> policyTarget(Credentials caller) {
        Map<String, String> target = new LinkedHashMap<>();
        owner.ifPresent(o -> {
            target.put(OWNER, o);
            target.put(PROJECT_ID, o);
        });
        target.put(VISIBILITY, visibility.wireValue());
        if (visibility == ImageVisibility.SHARED && !isOwnedBy(caller.projectId())) {
            callerMembership.ifPresent(status -> {
                target.put(MEMBER_ID, caller.projectId());
                target.put(MEMBER_STATUS, status.wireValue());
            });
        }
        return Map.copyOf(target);
    }
}
