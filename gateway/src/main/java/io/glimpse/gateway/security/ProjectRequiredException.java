package io.glimpse.gateway.security;

import io.glimpse.gateway.error.GatewayException;

/** A valid token without the {@code project_id} claim, on the image API, which is project-scoped. */
public class ProjectRequiredException extends GatewayException {

    public ProjectRequiredException() {
        super(403, "The token carries no project_id claim; the image API needs a project-scoped token.");
    }
}
