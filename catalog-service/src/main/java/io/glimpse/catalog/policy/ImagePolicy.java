package io.glimpse.catalog.policy;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageLocation;
import io.glimpse.catalog.domain.ImageNotFoundException;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.model.MemberStatus;
import io.glimpse.contracts.model.Visibility;
import io.glimpse.policy.Credentials;
import io.glimpse.policy.PolicyEngine;
import io.glimpse.policy.image.ImageAccess;
import io.glimpse.policy.image.ImageFacts;
import io.glimpse.policy.image.ImageVisibility;
import io.glimpse.policy.protection.Operation;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every authorization decision of the catalog, called explicitly at the start of each use case.
 * An image the caller may not even see is reported as not found, never as forbidden: that rule lives
 * in {@link #authorize} and nowhere else.
 */
@ApplicationScoped
public class ImagePolicy {
    private final PolicyEngine engine;
    private final ImageAccess access;
    private final PropertyRules properties;

    public ImagePolicy(PolicyEngine engine, PropertyRules properties) {
        this.engine = engine;
        this.access = new ImageAccess(engine);
        this.properties = properties;
    }

    public void authorizeCreate(Caller caller, String owner, Visibility visibility, Collection<String> propertyNames) {
        Credentials credentials = credentials(caller);
        if (!access.isAdmin(credentials) && !owner.equals(caller.projectId())) {
            throw new GlimpseException.Forbidden("You are not permitted to create images owned by '" + owner + "'.");
        }
        Map<String, String> target = Map.of("owner", owner, "project_id", owner, "visibility", visibility.wire());
        require(CatalogOperation.CREATE_IMAGE, credentials, target);
        authorizeVisibility(credentials, target, visibility);
        propertyNames.forEach(name -> authorizeProperty(caller, name, Operation.CREATE));
    }

    /** {@code get_images}: a caller with no reader role in its project may not list at all (403). */
    public void authorizeList(Caller caller) {
        require(CatalogOperation.LIST_IMAGES, credentials(caller), Map.of("project_id", caller.projectId()));
    }

    /** Search (ADR 0014): allowed exactly where listing is, as it shows the same images. */
    public void authorizeSearch(Caller caller) {
        require(CatalogOperation.SEARCH_IMAGES, credentials(caller), Map.of("project_id", caller.projectId()));
    }

    /**
     * Authorizes {@code operation} on an existing image.
     *
     * @param membership the caller's membership of the image, if it has one (membership projection)
     * @throws ImageNotFoundException when the caller may not even see the image (never a 403)
     * @throws GlimpseException.Forbidden when it may see it but not do this
     */
    public void authorize(CatalogOperation operation, Caller caller, Image image, Optional<MemberStatus> membership) {
        Credentials credentials = credentials(caller);
        ImageFacts facts = facts(image, membership);
        if (!access.isVisible(credentials, facts)
                || !engine.allowed(CatalogOperation.SHOW_IMAGE.rule(), credentials, facts.policyTarget(credentials))) {
            throw new ImageNotFoundException(image.id);
        }
        if (operation != CatalogOperation.SHOW_IMAGE) {
            require(operation, credentials, facts.policyTarget(credentials));
        }
    }

    /** A further rule on an image already authorized for the use case (e.g. {@code set_image_location} in PATCH). */
    public void authorizeAlso(CatalogOperation operation, Caller caller, Image image) {
        Credentials credentials = credentials(caller);
        require(operation, credentials, facts(image, Optional.empty()).policyTarget(credentials));
    }

    /** Whether a rule allows the caller on this image, for what is shown rather than done (locations). */
    public boolean allows(CatalogOperation operation, Caller caller, Image image) {
        Credentials credentials = credentials(caller);
        return engine.allowed(
                operation.rule(), credentials, facts(image, Optional.empty()).policyTarget(credentials));
    }

    /** Whether the caller may see the image at all (listing's marker check). */
    public boolean canSee(Caller caller, Image image, Optional<MemberStatus> membership) {
        Credentials credentials = credentials(caller);
        return access.isVisible(credentials, facts(image, membership));
    }

    /** The per-image {@code get_image} re-check of a listing page (§4.1). */
    public boolean listable(Caller caller, Image image) {
        Credentials credentials = credentials(caller);
        return engine.allowed(
                CatalogOperation.SHOW_IMAGE.rule(),
                credentials,
                facts(image, Optional.empty()).policyTarget(credentials));
    }

    /** {@code stores_info_detail}: admin or service (403 otherwise). */
    public void authorizeStoresDetail(Caller caller) {
        require(
                CatalogOperation.STORES_INFO_DETAIL,
                credentials(caller),
                Map.of("project_id", caller.projectId() == null ? "" : caller.projectId()));
    }

    /** A visibility change in PATCH: {@code publicize_image} or {@code communitize_image} as the target needs. */
    public void authorizeVisibilityChange(Caller caller, Image image, Visibility target) {
        Credentials credentials = credentials(caller);
        authorizeVisibility(credentials, facts(image, Optional.empty()).policyTarget(credentials), target);
    }

    public void authorizeOwnerChange(Caller caller) {
        if (!isAdmin(caller)) {
            throw new GlimpseException.Forbidden("Owner can't be updated by non admin.");
        }
    }

    /** A property protection check (§12); only ever asked about additional properties. */
    public void authorizeProperty(Caller caller, String property, Operation operation) {
        if (!properties.allows(caller, property, operation)) {
            throw new GlimpseException.Forbidden("Property '" + property + "' is protected");
        }
    }

    public boolean canReadProperty(Caller caller, String property) {
        return properties.allows(caller, property, Operation.READ);
    }

    public boolean isAdmin(Caller caller) {
        return access.isAdmin(credentials(caller));
    }

    /**
     * The image's locations as far as the caller may know them: none of a deactivated image's for anyone but an
     * admin (Glance's database layer drops them there), so its {@code stores}, {@code locations} and
     * {@code direct_url} go with them until it is reactivated.
     */
    public List<ImageLocation> visibleLocations(Caller caller, Image image) {
        return image.status == ImageStatus.DEACTIVATED && !isAdmin(caller) ? List.of() : image.locations();
    }

    private void authorizeVisibility(Credentials credentials, Map<String, String> target, Visibility visibility) {
        if (visibility == Visibility.PUBLIC) {
            require(CatalogOperation.PUBLICIZE_IMAGE, credentials, target);
        }
        if (visibility == Visibility.COMMUNITY) {
            require(CatalogOperation.COMMUNITIZE_IMAGE, credentials, target);
        }
    }

    private void require(CatalogOperation operation, Credentials credentials, Map<String, String> target) {
        if (!engine.allowed(operation.rule(), credentials, target)) {
            throw new GlimpseException.Forbidden(
                    "You are not authorized to complete " + operation.rule().ruleName() + " action.");
        }
    }

    private static ImageFacts facts(Image image, Optional<MemberStatus> membership) {
        ImageVisibility visibility =
                ImageVisibility.fromWireValue(image.visibility.wire()).orElseThrow();
        ImageFacts facts = new ImageFacts(Optional.ofNullable(image.owner), visibility, Optional.empty());
        return membership
                .map(status -> facts.withCallerMembership(io.glimpse.policy.image.MemberStatus.valueOf(status.name())))
                .orElse(facts);
    }

    static Credentials credentials(Caller caller) {
        return new Credentials(
                caller.userId(), caller.projectId() == null ? "" : caller.projectId(), caller.roles(), Map.of());
    }
}
