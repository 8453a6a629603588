package io.glimpse.signature.policy;

import io.glimpse.signature.domain.Certificate;
import io.glimpse.signature.domain.SecretNotFoundException;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Every authorization decision of signature-service, called at the start of each use case. Secrets
 * follow Barbican's secure-RBAC defaults, scoped by project: readers of the owning project read, its
 * members also store and delete; Glimpse's admins see every project's. A secret the caller may not
 * see is reported as not found. Verification is for the other services only.
 */
@ApplicationScoped
public class SecretPolicy {
    static final String ADMIN = "admin";
    static final String MEMBER = "member";
    static final String READER = "reader";
    static final String SERVICE = "service";

    public void authorizeStore(Caller caller) {
        // A secret always belongs to the storing project, admins' included.
        if (caller.projectId() == null || !(caller.isAdmin() || caller.hasRole(MEMBER))) {
            throw new GlimpseException.Forbidden("You are not authorized to store secrets.");
        }
    }

    /** @return the project whose secrets the caller lists; empty for an admin, who lists them all */
    public Optional<String> authorizeList(Caller caller) {
        if (caller.isAdmin()) {
            return Optional.empty();
        }
        if (caller.projectId() == null || !(caller.hasRole(READER) || caller.hasRole(MEMBER))) {
            throw new GlimpseException.Forbidden("You are not authorized to list secrets.");
        }
        return Optional.of(caller.projectId());
    }

    /** Metadata and payload alike: certificates are public material, so readers get both. */
    public void authorizeRead(Caller caller, Certificate secret) {
        if (!visible(caller, secret)) {
            throw new SecretNotFoundException(secret.id.toString());
        }
    }

    public void authorizeDelete(Caller caller, Certificate secret) {
        authorizeRead(caller, secret);
        if (!caller.isAdmin() && !caller.hasRole(MEMBER)) {
            throw new GlimpseException.Forbidden("You are not authorized to delete this secret.");
        }
    }

    public void authorizeVerify(Caller caller) {
        if (!caller.hasRole(SERVICE)) {
            throw new GlimpseException.Forbidden("Only Glimpse's services may request signature verifications.");
        }
    }

    private static boolean visible(Caller caller, Certificate secret) {
        return caller.isAdmin()
                || (secret.owner.equals(caller.projectId()) && (caller.hasRole(READER) || caller.hasRole(MEMBER)));
    }
}
