package io.glimpse.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The {@link Caller} of the current request, built from the token quarkus-oidc verified. */
@RequestScoped
public class CurrentCaller {
    static final String REQUEST_ID_HEADER = "X-Openstack-Request-Id";

    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    public CurrentCaller(JsonWebToken token, SecurityIdentity identity, HttpServerRequest request) {
        this.token = token;
        this.identity = identity;
        this.request = request;
    }

    public Caller get() {
        String userId = token.getSubject() != null ? token.getSubject() : token.getClaim("preferred_username");
        String projectId = token.getClaim("project_id");
        Set<String> roles = identity.getRoles().stream()
                .map(role -> role.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        String requestId = request.getHeader(REQUEST_ID_HEADER);
        return new Caller(userId, projectId, roles, requestId != null ? requestId : "req-" + UUID.randomUUID());
    }
}
