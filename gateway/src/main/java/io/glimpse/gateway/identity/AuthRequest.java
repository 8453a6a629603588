package io.glimpse.gateway.identity;

import io.glimpse.gateway.identity.KeystoneToken.Methods;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /v3/auth/tokens}, checked the way Keystone checks it: what is missing or
 * malformed is a 400, a method Glimpse does not offer a 401. Nothing here prints a password or a
 * secret: the records holding them override {@code toString}.
 */
record AuthRequest(Identity identity, Scope scope) {

    /** How the caller proves who it is: exactly one method. */
    sealed interface Identity {}

    record Password(UserRef user, String password) implements Identity {
        @Override
        public String toString() {
            return "Password[" + user + "]";
        }
    }

    record Token(String token) implements Identity {
        @Override
        public String toString() {
            return "Token[…]";
        }
    }

    /** By id, or by name of one of the user's credentials. */
    record ApplicationCredentialSecret(
            Optional<String> id, Optional<String> name, Optional<UserRef> user, String secret) implements Identity {
        @Override
        public String toString() {
            return "ApplicationCredential[" + id.or(() -> name).orElse("?") + "]";
        }
    }

    sealed interface UserRef {}

    record UserById(String id) implements UserRef {}

    record UserByName(String name, DomainRef domain) implements UserRef {}

    /** A domain by id or name; Glimpse has the one domain {@code default} / {@code Default}. */
    record DomainRef(Optional<String> id, Optional<String> name) {
        boolean isDefault() {
            return name.map(KeystoneDocuments.DOMAIN_NAME::equals)
                    .orElseGet(() -> id.map(KeystoneDocuments.DOMAIN_ID::equals).orElse(false));
        }
    }

    /** What the token should be scoped to. */
    sealed interface Scope {}

    /** No scope asked: Keystone scopes to the user's default project, which here is the user's project. */
    record DefaultScope() implements Scope {}

    record Unscoped() implements Scope {}

    record ProjectScope(Optional<String> id, Optional<String> name, Optional<DomainRef> domain) implements Scope {
        /** The project id this names: a project's name is its id, in the default domain. */
        Optional<String> projectId() {
            if (id.isPresent()) {
                return id;
            }
            return domain.filter(DomainRef::isDefault).flatMap(ignored -> name);
        }
    }

    /** A domain, the system or a trust: roles Glimpse never grants. */
    record UnavailableScope() implements Scope {}

    static AuthRequest parse(Buffer body) {
        JsonObject json;
        try {
            json = body.length() == 0 ? null : new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            json = null;
        }
        if (json == null) {
            throw KeystoneException.expecting("valid JSON", "request body");
        }
        JsonObject auth = object(json, "auth", "request body");
        JsonObject identity = object(auth, "identity", "auth");
        Object methodsValue = identity.getValue("methods");
        if (!(methodsValue instanceof JsonArray methods) || methods.isEmpty()) {
            throw KeystoneException.expecting("methods", "identity");
        }
        List<Object> names = methods.getList();
        if (names.size() != 1 || !(names.getFirst() instanceof String method)) {
            // Several methods at once is multi-factor authentication, which Glimpse leaves to Keycloak.
            throw KeystoneException.unsupportedMethod();
        }
        Identity parsed = switch (method) {
            case Methods.PASSWORD -> password(object(identity, method, "identity"));
            case Methods.TOKEN -> token(object(identity, method, "identity"));
            case Methods.APPLICATION_CREDENTIAL -> applicationCredential(object(identity, method, "identity"));
            default -> throw KeystoneException.unsupportedMethod();
        };
        Scope scope = scope(auth);
        if (parsed instanceof ApplicationCredentialSecret && !(scope instanceof DefaultScope)) {
            // Keystone: "Application credentials cannot request a scope."
            throw KeystoneException.unauthorized();
        }
        return new AuthRequest(parsed, scope);
    }

    private static Password password(JsonObject password) {
        JsonObject user = object(password, "user", "password");
        String secret = text(user, "password").orElseThrow(() -> KeystoneException.expecting("password", "user"));
        return new Password(userRef(user), secret);
    }

    private static Token token(JsonObject token) {
        return new Token(text(token, "id").orElseThrow(() -> KeystoneException.expecting("id", "token")));
    }

    private static ApplicationCredentialSecret applicationCredential(JsonObject credential) {
        String secret = text(credential, "secret")
                .orElseThrow(() -> KeystoneException.expecting("secret", "application_credential"));
        Optional<String> id = text(credential, "id");
        if (id.isPresent()) {
            return new ApplicationCredentialSecret(id, Optional.empty(), Optional.empty(), secret);
        }
        Optional<String> name = text(credential, "name");
        if (name.isEmpty()) {
            throw KeystoneException.expecting("name or ID", "application credential");
        }
        if (!(credential.getValue("user") instanceof JsonObject user)) {
            throw KeystoneException.expecting("user", "application credential");
        }
        return new ApplicationCredentialSecret(Optional.empty(), name, Optional.of(userRef(user)), secret);
    }

    private static UserRef userRef(JsonObject user) {
        Optional<String> id = text(user, "id");
        if (id.isPresent()) {
            return new UserById(id.get());
        }
        String name = text(user, "name").orElseThrow(() -> KeystoneException.expecting("id or name", "user"));
        if (!(user.getValue("domain") instanceof JsonObject domain)) {
            throw KeystoneException.expecting("domain", "user");
        }
        return new UserByName(name, domainRef(domain));
    }

    private static DomainRef domainRef(JsonObject domain) {
        DomainRef ref = new DomainRef(text(domain, "id"), text(domain, "name"));
        if (ref.id().isEmpty() && ref.name().isEmpty()) {
            throw KeystoneException.expecting("id or name", "domain");
        }
        return ref;
    }

    private static Scope scope(JsonObject auth) {
        if (!auth.containsKey("scope")) {
            return new DefaultScope();
        }
        if (!(auth.getValue("scope") instanceof JsonObject scope)) {
            throw KeystoneException.expecting("scope", "auth");
        }
        List<String> kinds = List.of("project", "domain", "unscoped", "system", "OS-TRUST:trust");
        List<String> asked = kinds.stream().filter(scope::containsKey).toList();
        if (asked.size() != 1) {
            throw KeystoneException.expecting("system, project, domain, OS-TRUST:trust or unscoped", "scope");
        }
        return switch (asked.getFirst()) {
            case "project" -> projectScope(object(scope, "project", "scope"));
            case "unscoped" -> new Unscoped();
            default -> new UnavailableScope();
        };
    }

    private static ProjectScope projectScope(JsonObject project) {
        Optional<String> id = text(project, "id");
        if (id.isPresent()) {
            return new ProjectScope(id, Optional.empty(), Optional.empty());
        }
        Optional<String> name = text(project, "name");
        if (name.isEmpty()) {
            throw KeystoneException.expecting("id or name", "project");
        }
        if (!(project.getValue("domain") instanceof JsonObject domain)) {
            throw KeystoneException.expecting("domain", "project");
        }
        return new ProjectScope(Optional.empty(), name, Optional.of(domainRef(domain)));
    }

    private static JsonObject object(JsonObject parent, String key, String target) {
        if (parent.getValue(key) instanceof JsonObject child) {
            return child;
        }
        throw KeystoneException.expecting(key, target);
    }

    private static Optional<String> text(JsonObject parent, String key) {
        return parent.getValue(key) instanceof String value && !value.isEmpty() ? Optional.of(value) : Optional.empty();
    }
}
