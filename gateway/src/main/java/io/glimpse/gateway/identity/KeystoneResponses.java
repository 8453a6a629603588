package io.glimpse.gateway.identity;

import io.glimpse.gateway.http.RequestBodies;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes the identity endpoint's answers: JSON documents, and errors in Keystone's body. */
final class KeystoneResponses {

    static final String SUBJECT_TOKEN = "X-Subject-Token";
    private static final String JSON = "application/json";

    private KeystoneResponses() {}

    static void json(RoutingContext ctx, int status, JsonObject body) {
        RequestBodies.discardRemaining(ctx.request());
        HttpServerResponse response = ctx.response().setStatusCode(status);
        response.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.end();
        } else {
            response.end(body.encode());
        }
    }

    static void noContent(RoutingContext ctx) {
        RequestBodies.discardRemaining(ctx.request());
        ctx.response().setStatusCode(204).end();
    }

    /**
     * Keystone's error body, {@code {"error": {"code", "title", "message"}}}, with the challenge that
     * tells a client where to authenticate on a 401.
     */
    static void error(RoutingContext ctx, KeystoneException error, String identityV3Url) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        if (error.status() == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Keystone uri=\"" + identityV3Url + "\"");
        }
        json(
                ctx,
                error.status(),
                new JsonObject()
                        .put(
                                "error",
                                new JsonObject()
                                        .put("code", error.status())
                                        .put("title", error.title())
                                        .put("message", error.getMessage())));
    }
}
