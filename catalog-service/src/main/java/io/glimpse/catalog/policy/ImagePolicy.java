package io.glimpse.catalog.policy;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageNotFoundException;
import io.glimpse.contracts.model.Visibility;
import io.glimpse.policy.Credentials;
import io.glimpse.policy.PolicyEngine;
import io.glimpse.policy.image.ImageAccess;
import io.glimpse.policy.image.ImageFacts;
import io.glimpse.policy.image.ImageVisibility;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * Every authorization decision of the catalog, called explicitly at the start of each use case.
 * An image the caller may not even see is reported as not found, never as forbidden.
 */
@ApplicationScoped
public class ImagePolicy {
    private final PolicyEngine engine;
    private final ImageAccess access;

    public ImagePolicy(PolicyEngine engine) {
        this.engine = engine;
        this.access = new ImageAccess(engine);
    }

    public void authorizeCreate(Caller caller, String owner, Visibility visibility) {
        Credentials credentials = credentials(caller);
        if (!access.isAdmin(credentials) && !owner.equals(caller.projectId())) {
            throw new GlimpseException.Forbidden("You are not permitted to create images owned by '" + owner + "'.");
        }
        Map<String, String> target = Map.of("owner", owner, "project_id", owner, "visibility", visibility.wire());
        require(CatalogOperation.CREATE_IMAGE, credentials, target, "You are not authorized to create images.");
        if (visibility == Visibility.PUBLIC) {
            require(CatalogOperation.PUBLICIZE_IMAGE, credentials, target, "You are not authorized to publicize images.");
        }
        if (visibility == Visibility.COMMUNITY) {
            require(CatalogOperation.COMMUNITIZE_IMAGE, credentials, target,
                    "You are not authorized to communitize images.");
        }
    }

    /** @throws ImageNotFoundException when the caller may not see the image */
    public void authorizeShow(Caller caller, Image image) {
        Credentials credentials = credentials(caller);
        ImageFacts facts = facts(image);
        if (!access.isVisible(credentials, facts)
                || !engine.allowed(CatalogOperation.SHOW_IMAGE.rule(), credentials, facts.policyTarget(credentials))) {
            throw new ImageNotFoundException(image.id);
        }
    }

    private void require(CatalogOperation operation, Credentials credentials, Map<String, String> target, String denial) {
        if (!engine.allowed(operation.rule(), credentials, target)) {
            throw new GlimpseException.Forbidden(denial);
        }
    }

    private static ImageFacts facts(Image image) {
        ImageVisibility visibility = ImageVisibility.fromWireValue(image.visibility.wire()).orElseThrow();
        return new ImageFacts(Optional.ofNullable(image.owner), visibility, Optional.empty());
    }

    private static Credentials credentials(Caller caller) {
        return new Credentials(caller.userId(), caller.projectId(), caller.roles(), Map.of());
    }
}
