package io.glimpse.gateway.identity;

import io.glimpse.gateway.http.RequestBodies;
import io.glimpse.gateway.identity.keycloak.KeycloakRejectedException;
import io.glimpse.gateway.identity.keycloak.KeycloakUnavailableException;
import io.glimpse.gateway.security.AuthenticationFailedException;
import io.glimpse.gateway.security.Authenticator;
import io.glimpse.gateway.security.KeysUnavailableException;
import io.glimpse.gateway.security.RevokedTokens;
import io.glimpse.gateway.security.TokenVerifier;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Keystone v3 identity endpoint under {@code /identity}: the small part of Keystone that
 * OpenStack clients (the {@code openstack} CLI, openstacksdk, tempest, gophercloud) need to log in,
 * answered by the gateway itself from Keycloak (ADR 0005). Never forwarded to a service.
 *
 * <pre>
 * GET  /identity, /identity/v3                          version discovery (300, 200)
 * POST /identity/v3/auth/tokens                         password, token, application_credential → 201
 * GET|HEAD|DELETE /identity/v3/auth/tokens              validate (200) or revoke (204) X-Subject-Token
 * GET  /identity/v3/auth/{catalog,projects,domains,system}
 * GET  /identity/v3/projects[/{id}], /identity/v3/users/{id}/projects
 * GET|POST /identity/v3/users/{id}/application_credentials, GET|DELETE …/{credential id}
 * </pre>
 */
@ApplicationScoped
public class IdentityEndpoint {

    /** The path prefix of the endpoint; {@code <public-url>/identity} is the clients' {@code auth_url}. */
    public static final String PREFIX = "/identity";

    private static final Logger LOG = Logger.getLogger(IdentityEndpoint.class);
    /** Far above any authentication or application credential request, far below anything harmful. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Set<HttpMethod> READ = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    private final Authenticator authenticator;
    private final TokenVerifier verifier;
    private final RevokedTokens revoked;
    private final TokenAuthentication authentication;
    private final ApplicationCredentials applicationCredentials;
    private final ProjectDirectory projects;
    private final KeystoneDocuments documents;

    public IdentityEndpoint(
            Authenticator authenticator,
            TokenVerifier verifier,
            RevokedTokens revoked,
            TokenAuthentication authentication,
            ApplicationCredentials applicationCredentials,
            ProjectDirectory projects,
            KeystoneDocuments documents) {
        this.authenticator = authenticator;
        this.verifier = verifier;
        this.revoked = revoked;
        this.authentication = authentication;
        this.applicationCredentials = applicationCredentials;
        this.projects = projects;
        this.documents = documents;
    }

    public void handle(RoutingContext ctx) {
        List<String> path = Arrays.stream(
                        ctx.normalizedPath().substring(PREFIX.length()).split("/"))
                .filter(segment -> !segment.isEmpty())
                .toList();
        attempt(() -> route(ctx, ctx.request().method(), path))
                .onFailure(failure -> KeystoneResponses.error(ctx, keystoneError(failure), documents.v3Url()));
    }

    private Future<Void> route(RoutingContext ctx, HttpMethod method, List<String> path) {
        if (path.isEmpty()) {
            allow(method, READ);
            ctx.response().putHeader("Location", documents.v3Url() + "/");
            return respond(ctx, 300, documents.versions());
        }
        if (!path.getFirst().equals("v3")) {
            throw KeystoneException.noSuchPath();
        }
        List<String> rest = path.subList(1, path.size());
        return switch (rest.size()) {
            case 0 -> {
                allow(method, READ);
                yield respond(ctx, 200, documents.version());
            }
            case 2 -> {
                if (rest.getFirst().equals("auth")) {
                    yield auth(ctx, method, rest.get(1));
                }
                if (rest.getFirst().equals("projects")) {
                    allow(method, READ);
                    yield showProject(ctx, rest.get(1));
                }
                throw KeystoneException.noSuchPath();
            }
            case 1 -> {
                if (!rest.getFirst().equals("projects")) {
                    throw KeystoneException.noSuchPath();
                }
                allow(method, READ);
                yield listProjects(ctx);
            }
            case 3, 4 -> users(ctx, method, rest);
            default -> throw KeystoneException.noSuchPath();
        };
    }

    // ------------------------------------------------------------------ /v3/auth/...

    private Future<Void> auth(RoutingContext ctx, HttpMethod method, String what) {
        switch (what) {
            case "tokens" -> {
                allow(method, Set.of(HttpMethod.POST, HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE));
                if (method == HttpMethod.POST) {
                    return issue(ctx);
                }
                return method == HttpMethod.DELETE ? revoke(ctx) : validate(ctx);
            }
            case "catalog" -> {
                allow(method, READ);
                return caller(ctx).compose(caller -> {
                    JsonArray catalog = caller.scoped() ? documents.catalog() : new JsonArray();
                    return respond(ctx, 200, documents.collection("catalog", catalog, "/auth/catalog"));
                });
            }
            case "projects" -> {
                allow(method, READ);
                return caller(ctx)
                        .compose(caller -> respond(
                                ctx,
                                200,
                                documents.collection(
                                        "projects",
                                        projectList(caller.projectId().stream().toList()),
                                        "/auth/projects")));
            }
            case "domains", "system" -> {
                // Glimpse grants no domain or system roles.
                allow(method, READ);
                return caller(ctx)
                        .compose(ignored ->
                                respond(ctx, 200, documents.collection(what, new JsonArray(), "/auth/" + what)));
            }
            default -> throw KeystoneException.noSuchPath();
        }
    }

    private Future<Void> issue(RoutingContext ctx) {
        boolean catalog = !ctx.queryParams().contains("nocatalog");
        return body(ctx.request())
                .map(AuthRequest::parse)
                .compose(authentication::authenticate)
                .compose(token -> {
                    ctx.response().putHeader(KeystoneResponses.SUBJECT_TOKEN, token.id());
                    return respond(ctx, 201, documents.token(token, catalog));
                });
    }

    private Future<Void> validate(RoutingContext ctx) {
        boolean catalog = !ctx.queryParams().contains("nocatalog");
        return subject(ctx).compose(subject -> {
            ctx.response().putHeader(KeystoneResponses.SUBJECT_TOKEN, subject.id());
            return respond(ctx, 200, documents.token(subject, catalog));
        });
    }

    private Future<Void> revoke(RoutingContext ctx) {
        return subject(ctx).compose(subject -> verifier.verify(subject.id())).map(subjectCaller -> {
            revoked.revoke(subjectCaller);
            KeystoneResponses.noContent(ctx);
            return null;
        });
    }

    /** The subject token of a validation or revocation, which the caller may see: its own, or any for admin and service. */
    private Future<KeystoneToken> subject(RoutingContext ctx) {
        return caller(ctx).compose(caller -> {
            String subjectToken = ctx.request().getHeader(KeystoneResponses.SUBJECT_TOKEN);
            if (subjectToken == null || subjectToken.isBlank()) {
                throw KeystoneException.notFound("token", "no X-Subject-Token");
            }
            return verifier.verify(subjectToken.trim())
                    .recover(failure -> Future.failedFuture(
                            failure instanceof AuthenticationFailedException
                                    ? KeystoneException.notFound("token", "the subject token")
                                    : failure))
                    .map(subjectCaller -> {
                        KeystoneToken subject = KeystoneToken.of(subjectCaller, KeystoneToken.methodsOf(subjectCaller));
                        boolean privileged = caller.isAdmin() || caller.roles().contains("service");
                        if (!privileged && !subject.userId().equals(caller.userId())) {
                            throw KeystoneException.forbidden("identity:validate_token");
                        }
                        return subject;
                    });
        });
    }

    // ------------------------------------------------------------------ projects

    private Future<Void> listProjects(RoutingContext ctx) {
        String name = ctx.queryParams().get("name");
        return caller(ctx).compose(caller -> {
            if (!caller.isAdmin()) {
                throw KeystoneException.forbidden("identity:list_projects");
            }
            Future<List<String>> found = name == null
                    ? projects.all()
                    : projects.exists(name).map(exists -> exists ? List.of(name) : List.of());
            return found.compose(
                    ids -> respond(ctx, 200, documents.collection("projects", projectList(ids), "/projects")));
        });
    }

    private Future<Void> showProject(RoutingContext ctx, String projectId) {
        return caller(ctx).compose(caller -> {
            if (caller.projectId().filter(projectId::equals).isPresent()) {
                return respond(ctx, 200, new JsonObject().put("project", documents.project(projectId)));
            }
            if (!caller.isAdmin()) {
                throw KeystoneException.forbidden("identity:get_project");
            }
            return projects.exists(projectId).compose(exists -> {
                if (!exists) {
                    throw KeystoneException.notFound("project", projectId);
                }
                return respond(ctx, 200, new JsonObject().put("project", documents.project(projectId)));
            });
        });
    }

    private JsonArray projectList(List<String> ids) {
        JsonArray list = new JsonArray();
        ids.forEach(id -> list.add(documents.project(id)));
        return list;
    }

    // ------------------------------------------------------------------ /v3/users/{id}/...

    private Future<Void> users(RoutingContext ctx, HttpMethod method, List<String> rest) {
        if (!rest.getFirst().equals("users")) {
            throw KeystoneException.noSuchPath();
        }
        String userId = rest.get(1);
        String collection = rest.get(2);
        if (collection.equals("projects") && rest.size() == 3) {
            allow(method, READ);
            return caller(ctx)
                    .compose(caller -> {
                        if (caller.userId().equals(userId)) {
                            return Future.succeededFuture(
                                    caller.projectId().stream().toList());
                        }
                        if (!caller.isAdmin()) {
                            throw KeystoneException.forbidden("identity:list_user_projects");
                        }
                        return projects.ofUser(userId);
                    })
                    .compose(ids -> respond(
                            ctx,
                            200,
                            documents.collection("projects", projectList(ids), "/users/" + userId + "/projects")));
        }
        if (!collection.equals("application_credentials")) {
            throw KeystoneException.noSuchPath();
        }
        String path = "/users/" + userId + "/application_credentials";
        if (rest.size() == 3) {
            allow(method, Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST));
            if (method == HttpMethod.POST) {
                return ownCaller(ctx, userId, "identity:create_application_credential")
                        .compose(caller -> body(ctx.request())
                                .map(IdentityEndpoint::jsonObject)
                                .compose(body -> applicationCredentials.create(caller, body)))
                        .compose(created -> respond(
                                ctx,
                                201,
                                new JsonObject()
                                        .put(
                                                "application_credential",
                                                documents.applicationCredential(
                                                        created.credential(), created.secret()))));
            }
            String name = ctx.queryParams().get("name");
            return ownCaller(ctx, userId, "identity:list_application_credentials")
                    .compose(caller -> applicationCredentials.mine(userId))
                    .compose(all -> {
                        JsonArray list = new JsonArray();
                        all.stream()
                                .filter(credential ->
                                        name == null || credential.name().equals(name))
                                .forEach(credential -> list.add(documents.applicationCredential(credential, null)));
                        return respond(ctx, 200, documents.collection("application_credentials", list, path));
                    });
        }
        String credentialId = rest.get(3);
        allow(method, Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE));
        String action = method == HttpMethod.DELETE
                ? "identity:delete_application_credential"
                : "identity:get_application_credential";
        return ownCaller(ctx, userId, action)
                .compose(caller -> applicationCredentials
                        .one(userId, credentialId)
                        .compose(credential -> {
                            if (method == HttpMethod.DELETE) {
                                return applicationCredentials
                                        .delete(caller, credential)
                                        .map(ignored -> {
                                            KeystoneResponses.noContent(ctx);
                                            return null;
                                        });
                            }
                            return respond(
                                    ctx,
                                    200,
                                    new JsonObject()
                                            .put(
                                                    "application_credential",
                                                    documents.applicationCredential(credential, null)));
                        }));
    }

    /** The caller, who must be the user the path names: application credentials are their owner's alone. */
    private Future<KeystoneToken> ownCaller(RoutingContext ctx, String userId, String action) {
        return caller(ctx).map(caller -> {
            if (!caller.userId().equals(userId)) {
                throw KeystoneException.forbidden(action);
            }
            return caller;
        });
    }

    // ------------------------------------------------------------------ plumbing

    /** The token in {@code X-Auth-Token}, verified like any token at the gateway. */
    private Future<KeystoneToken> caller(RoutingContext ctx) {
        return authenticator
                .authenticate(ctx.request().headers())
                .map(caller -> KeystoneToken.of(caller, KeystoneToken.methodsOf(caller)));
    }

    private static void allow(HttpMethod method, Set<HttpMethod> allowed) {
        if (!allowed.contains(method)) {
            throw KeystoneException.methodNotAllowed();
        }
    }

    private static Future<Void> respond(RoutingContext ctx, int status, JsonObject body) {
        KeystoneResponses.json(ctx, status, body);
        return Future.succeededFuture();
    }

    /** The request body, at most {@link #MAX_BODY_BYTES}; the request arrives paused. */
    private static Future<Buffer> body(HttpServerRequest request) {
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                request.handler(ignored -> {});
                promise.tryFail(KeystoneException.bodyTooLarge());
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(ignored -> promise.tryComplete(body));
        request.resume();
        return promise.future();
    }

    private static JsonObject jsonObject(Buffer body) {
        try {
            return new JsonObject(body);
        } catch (RuntimeException e) {
            throw KeystoneException.expecting("valid JSON", "request body");
        }
    }

    private static <T> Future<T> attempt(Supplier<Future<T>> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static KeystoneException keystoneError(Throwable failure) {
        return switch (failure) {
            case KeystoneException keystone -> keystone;
            case AuthenticationFailedException ignored -> KeystoneException.unauthorized();
            case KeycloakRejectedException ignored -> KeystoneException.unauthorized();
            case KeysUnavailableException unavailable -> {
                LOG.warnf("Identity request failed: %s", unavailable.getMessage());
                yield KeystoneException.unavailable();
            }
            case KeycloakUnavailableException unavailable -> {
                LOG.warnf("Identity request failed: %s", unavailable.getMessage());
                yield KeystoneException.unavailable();
            }
            case Throwable framing
            when RequestBodies.malformedFraming(framing) ->
                // The connection closes on it (see MessageFraming): nothing unexpected, and nobody left to answer.
                KeystoneException.badRequest("The request body's chunked framing is malformed.");
            default -> {
                LOG.error("Unexpected failure in the identity endpoint", failure);
                yield KeystoneException.unexpected();
            }
        };
    }
}
