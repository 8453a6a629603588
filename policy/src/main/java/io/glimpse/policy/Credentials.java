package io.glimpse.policy;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: what oslo.policy calls the credentials. Roles are stored lower-cased, since role
 * checks are case-insensitive. {@code claims} carries any further token claims; generic checks
 * such as {@code domain_id:%(domain_id)s} look them up by name, and dotted names walk nested maps.
 */
public record Credentials(String userId, String projectId, Set<String> roles, Map<String, Object> claims) {

    public static final String USER_ID = "user_id";
    public static final String PROJECT_ID = "project_id";
    public static final String ROLES = "roles";

    public Credentials {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(projectId, "projectId");
        roles = lowerCased(Objects.requireNonNull(roles, "roles"));
        // Token claims may legitimately hold null values, which Map.copyOf would reject.
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(claims, "claims")));
    }

    public static Credentials of(String userId, String projectId, String... roles) {
        return new Credentials(userId, projectId, Set.of(roles), Map.of());
    }

    public boolean hasRole(String role) {
        return roles.contains(role.toLowerCase(Locale.ROOT));
    }

    /** The same caller with extra roles, e.g. the service token's roles merged in (Glance does this). */
    public Credentials withAdditionalRoles(Collection<String> extraRoles) {
        Set<String> merged = new LinkedHashSet<>(roles);
        merged.addAll(extraRoles);
        return new Credentials(userId, projectId, merged, claims);
    }

    /**
     * The credentials as the dictionary generic checks look into (oslo's
     * {@code context.to_policy_values()}): the claims plus {@code user_id}, {@code project_id}
     * and {@code roles}, which win over claims of the same name.
     */
    public Map<String, Object> policyValues() {
        Map<String, Object> values = new LinkedHashMap<>(claims);
        values.put(USER_ID, userId);
        values.put(PROJECT_ID, projectId);
        values.put(ROLES, List.copyOf(roles));
        return Collections.unmodifiableMap(values);
    }

    private static Set<String> lowerCased(Collection<String> roles) {
        Set<String> lowered = new LinkedHashSet<>();
        for (String role : roles) {
            String normalised = Objects.requireNonNull(role, "role").trim().toLowerCase(Locale.ROOT);
            if (!normalised.isEmpty()) {
                lowered.add(normalised);
            }
        }
        return Collections.unmodifiableSet(lowered);
    }
}
