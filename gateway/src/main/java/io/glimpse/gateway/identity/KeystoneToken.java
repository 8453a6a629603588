package io.glimpse.gateway.identity;

import io.glimpse.gateway.identity.TokenClaims.ApplicationCredentialRef;
import io.glimpse.gateway.security.Caller;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Keystone token: a Keycloak access token the gateway accepts, seen the way Keystone describes a
 * token. The token string is the same in both worlds; its project is the {@code project_id} claim (a
 * token without one is unscoped), its roles the realm roles.
 *
 * @param id        the token itself, sent back in {@code X-Subject-Token}
 * @param methods   how it was obtained: {@code password}, {@code token}, {@code application_credential}
 * @param scoped    whether the body shows the project, roles and catalog (an explicitly unscoped
 *                  request gets a body without them)
 */
record KeystoneToken(
        String id,
        List<String> methods,
        String userId,
        String userName,
        Optional<String> projectId,
        Set<String> roles,
        Instant issuedAt,
        Instant expiresAt,
        String auditId,
        Optional<ApplicationCredentialRef> applicationCredential,
        boolean scoped) {

    static KeystoneToken of(Caller caller, List<String> methods) {
        TokenClaims claims = TokenClaims.of(caller.token());
        return new KeystoneToken(
                caller.token(),
                List.copyOf(methods),
                caller.userId(),
                caller.userName().orElse(caller.userId()),
                caller.projectId(),
                keystoneRoles(caller.roles()),
                claims.issuedAt(),
                caller.expiresAt(),
                claims.auditId(),
                claims.applicationCredential(),
                caller.projectId().isPresent());
    }

    /** The methods a validated token was obtained with, as far as the token itself tells. */
    static List<String> methodsOf(Caller caller) {
        return TokenClaims.of(caller.token()).applicationCredential().isPresent()
                ? List.of(Methods.APPLICATION_CREDENTIAL)
                : List.of(Methods.PASSWORD);
    }

    KeystoneToken unscoped() {
        return new KeystoneToken(
                id,
                methods,
                userId,
                userName,
                projectId,
                roles,
                issuedAt,
                expiresAt,
                auditId,
                applicationCredential,
                false);
    }

    KeystoneToken withMethods(List<String> methods) {
        return new KeystoneToken(
                id,
                methods,
                userId,
                userName,
                projectId,
                roles,
                issuedAt,
                expiresAt,
                auditId,
                applicationCredential,
                scoped);
    }

    boolean isRestricted() {
        return applicationCredential.map(ApplicationCredentialRef::restricted).orElse(false);
    }

    boolean isAdmin() {
        return roles.contains("admin");
    }

    /**
     * The realm roles Keystone would show: Keycloak's own ({@code offline_access},
     * {@code uma_authorization}, the realm's {@code default-roles-*} composite) are not project roles.
     */
    static Set<String> keystoneRoles(Set<String> realmRoles) {
        Set<String> roles = new TreeSet<>();
        for (String role : realmRoles) {
            String name = role.toLowerCase(Locale.ROOT);
            if (!name.equals("offline_access")
                    && !name.equals("uma_authorization")
                    && !name.startsWith("default-roles-")) {
                roles.add(name);
            }
        }
        return roles;
    }

    /** The authentication method names of Keystone's {@code auth.identity.methods}. */
    static final class Methods {
        static final String PASSWORD = "password";
        static final String TOKEN = "token";
        static final String APPLICATION_CREDENTIAL = "application_credential";

        private Methods() {}
    }
}
