package io.glimpse.gateway.identity;

import io.glimpse.gateway.identity.AuthRequest.ApplicationCredentialSecret;
import io.glimpse.gateway.identity.AuthRequest.DefaultScope;
import io.glimpse.gateway.identity.AuthRequest.Password;
import io.glimpse.gateway.identity.AuthRequest.ProjectScope;
import io.glimpse.gateway.identity.AuthRequest.Scope;
import io.glimpse.gateway.identity.AuthRequest.Token;
import io.glimpse.gateway.identity.AuthRequest.UnavailableScope;
import io.glimpse.gateway.identity.AuthRequest.Unscoped;
import io.glimpse.gateway.identity.AuthRequest.UserById;
import io.glimpse.gateway.identity.AuthRequest.UserByName;
import io.glimpse.gateway.identity.KeystoneToken.Methods;
import io.glimpse.gateway.identity.keycloak.KeycloakClient;
import io.glimpse.gateway.identity.keycloak.KeycloakUser;
import io.glimpse.gateway.security.TokenVerifier;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v3/auth/tokens}: turns a Keystone authentication request into a Keycloak access token
 * and checks the requested scope against it. A user belongs to exactly one project (the
 * {@code project_id} attribute), so a token is scoped to that project or to nothing; asking for
 * another project, a domain or the system is Keystone's 401 for "no role there".
 */
@ApplicationScoped
public class TokenAuthentication {

    private final KeycloakClient keycloak;
    private final TokenVerifier verifier;
    private final ApplicationCredentials applicationCredentials;

    public TokenAuthentication(
            KeycloakClient keycloak, TokenVerifier verifier, ApplicationCredentials applicationCredentials) {
        this.keycloak = keycloak;
        this.verifier = verifier;
        this.applicationCredentials = applicationCredentials;
    }

    Future<KeystoneToken> authenticate(AuthRequest request) {
        return switch (request.identity()) {
            case Password password ->
                userName(password)
                        .compose(name -> keycloak.passwordGrant(name, password.password()))
                        .compose(this::verified)
                        .map(token -> scoped(token.withMethods(List.of(Methods.PASSWORD)), request.scope()));
            case Token token ->
                // Re-scoping: the token already is the user's only scope, so the same token answers
                // (Keystone keeps a re-scoped token's expiry too).
                verified(token.token())
                        .map(existing -> scoped(
                                existing.withMethods(union(Methods.TOKEN, existing.methods())), request.scope()));
            case ApplicationCredentialSecret credential ->
                applicationCredentials
                        .login(credential)
                        .compose(this::verified)
                        .map(token -> token.withMethods(List.of(Methods.APPLICATION_CREDENTIAL)));
        };
    }

    private Future<KeystoneToken> verified(String token) {
        return verifier.verify(token).map(caller -> KeystoneToken.of(caller, KeystoneToken.methodsOf(caller)));
    }

    /** The Keycloak user name to log in with: given with the default domain, or looked up by id. */
    private Future<String> userName(Password password) {
        return switch (password.user()) {
            case UserByName byName -> {
                if (!byName.domain().isDefault()) {
                    throw KeystoneException.unauthorized();
                }
                yield Future.succeededFuture(byName.name());
            }
            case UserById byId ->
                keycloak.userById(byId.id())
                        .map(user -> user.map(KeycloakUser::username).orElseThrow(KeystoneException::unauthorized));
        };
    }

    private static KeystoneToken scoped(KeystoneToken token, Scope scope) {
        return switch (scope) {
            case DefaultScope ignored -> token;
            case Unscoped ignored -> token.unscoped();
            case ProjectScope project -> {
                Optional<String> asked = project.projectId();
                if (asked.isEmpty() || !asked.equals(token.projectId())) {
                    throw KeystoneException.unauthorized();
                }
                yield token;
            }
            case UnavailableScope ignored -> throw KeystoneException.unauthorized();
        };
    }

    private static List<String> union(String first, List<String> rest) {
        return rest.contains(first)
                ? rest
                : java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream())
                        .toList();
    }
}
