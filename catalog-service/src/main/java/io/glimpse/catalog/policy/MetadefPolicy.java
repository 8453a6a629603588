package io.glimpse.catalog.policy;

import io.glimpse.catalog.domain.MetadefNamespace;
import io.glimpse.policy.Credentials;
import io.glimpse.policy.PolicyEngine;
import io.glimpse.policy.image.ImageAccess;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Every authorization decision on metadata definitions (§13.3, §14.2), called at the start of each use case. A
 * namespace the caller may not see (private and another project's, or no reader role) is not found, never forbidden:
 * that rule lives in {@link #authorize} alone.
 */
@ApplicationScoped
public class MetadefPolicy {
    private final PolicyEngine engine;
    private final ImageAccess access;

    public MetadefPolicy(PolicyEngine engine) {
        this.engine = engine;
        this.access = new ImageAccess(engine);
    }

    /** An operation with no namespace yet: listing namespaces or resource types, creating a namespace (403). */
    public void authorize(CatalogOperation operation, Caller caller) {
        Credentials credentials = ImagePolicy.credentials(caller);
        require(operation, credentials, Map.of("project_id", credentials.projectId()));
    }

    /**
     * Authorizes {@code operation} in (or on) an existing namespace.
     *
     * @throws GlimpseException.NotFound  when the caller may not even see the namespace
     * @throws GlimpseException.Forbidden when it may see it but not do this
     */
    public void authorize(CatalogOperation operation, Caller caller, MetadefNamespace namespace) {
        if (!canSee(caller, namespace)) {
            throw notFound(namespace.namespace);
        }
        require(operation, ImagePolicy.credentials(caller), target(namespace));
    }

    /** Whether the namespace shows up for the caller at all (listings filter with this). */
    public boolean canSee(Caller caller, MetadefNamespace namespace) {
        Credentials credentials = ImagePolicy.credentials(caller);
        boolean visible = isAdmin(caller) || namespace.isPublic() || namespace.owner.equals(credentials.projectId());
        return visible
                && engine.allowed(CatalogOperation.SHOW_METADEF_NAMESPACE.rule(), credentials, target(namespace));
    }

    /** Admins see every namespace; listings ask the database for the others' only when this is false. */
    public boolean isAdmin(Caller caller) {
        return access.isAdmin(ImagePolicy.credentials(caller));
    }

    /** The 404 of a namespace that does not exist or may not be seen; the same words for both. */
    public static GlimpseException.NotFound notFound(String namespace) {
        return new GlimpseException.NotFound("Metadata definition namespace=" + namespace + " was not found.");
    }

    private static Map<String, String> target(MetadefNamespace namespace) {
        return Map.of("project_id", namespace.owner, "owner", namespace.owner, "visibility", namespace.visibility);
    }

    private void require(CatalogOperation operation, Credentials credentials, Map<String, String> target) {
        if (!engine.allowed(operation.rule(), credentials, target)) {
            throw new GlimpseException.Forbidden(
                    "You are not authorized to complete " + operation.rule().ruleName() + " action.");
        }
    }
}
