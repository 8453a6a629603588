package io.glimpse.catalog.service;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.policy.CatalogOperation;
import io.glimpse.catalog.policy.ImagePolicy;
import io.glimpse.catalog.repository.ImageRepository;
import io.glimpse.catalog.repository.MembershipRepository;
import io.glimpse.contracts.model.MemberStatus;
import io.glimpse.contracts.model.Visibility;
import io.glimpse.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.function.Function;

/**
 * Loads an image for a use case and authorizes the named operation on it before anything else
 * happens, with the caller's membership from the projection where it matters (shared images).
 */
@ApplicationScoped
public class ImageLookup {
    private final ImageRepository images;
    private final MembershipRepository memberships;
    private final ImagePolicy policy;

    public ImageLookup(ImageRepository images, MembershipRepository memberships, ImagePolicy policy) {
        this.images = images;
        this.memberships = memberships;
        this.policy = policy;
    }

    /** The image, read-only, once {@code operation} is allowed. */
    public Uni<Image> forRead(CatalogOperation operation, Caller caller, String id) {
        return authorized(operation, caller, id, images::findLive);
    }

    /** The image locked for this transaction (writers take turns), once {@code operation} is allowed. */
    public Uni<Image> forWrite(CatalogOperation operation, Caller caller, String id) {
        return authorized(operation, caller, id, images::findLiveForUpdate);
    }

    /**
     * The image for a service-to-service API (the location API, §7.3): a caller with the {@code service} role acts
     * for whichever project the image belongs to, as the {@code service_api} rules intend, so it reaches any image;
     * anyone else as {@link #forRead}.
     */
    public Uni<Image> forServiceApi(CatalogOperation operation, Caller caller, String id) {
        if (!caller.hasRole("service")) {
            return forRead(operation, caller, id);
        }
        return images.findLive(id).invoke(image -> policy.authorizeAlso(operation, caller, image));
    }

    /** The caller's membership of a shared image it does not own; empty otherwise. */
    public Uni<Optional<MemberStatus>> membership(Caller caller, Image image) {
        boolean relevant =
                image.visibility == Visibility.SHARED && image.owner != null && !image.owner.equals(caller.projectId());
        return relevant
                ? memberships.statusOf(image.id, caller.projectId())
                : Uni.createFrom().item(Optional.empty());
    }

    private Uni<Image> authorized(
            CatalogOperation operation, Caller caller, String id, Function<String, Uni<Image>> load) {
        return load.apply(id)
                .chain(image -> membership(caller, image)
                        .invoke(membership -> policy.authorize(operation, caller, image, membership))
                        .replaceWith(image));
    }
}
