package io.glimpse.gateway.versions;

import io.glimpse.gateway.config.GatewayConfig;
import io.glimpse.gateway.http.RequestBodies;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Answers {@code /versions} (200) and {@code /} or an unknown version (300 Multiple Choices). */
@ApplicationScoped
public class VersionsResponder {

    private final String body;

    public VersionsResponder(ApiVersions versions, GatewayConfig config) {
        String publicUrl = config.publicUrl().toString().replaceAll("/+$", "");
        JsonArray list = new JsonArray();
        for (ApiVersion version : versions.all()) {
            list.add(new JsonObject()
                    .put("id", version.id())
                    .put("status", version.status().name())
                    .put(
                            "links",
                            new JsonArray()
                                    .add(new JsonObject().put("rel", "self").put("href", publicUrl + "/v2/"))));
        }
        this.body = new JsonObject().put("versions", list).encode();
    }

    public void respond(RoutingContext ctx, int status) {
        RequestBodies.discardRemaining(ctx.request());
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8");
        if (ctx.request().method() == HttpMethod.HEAD) {
            ctx.response().end();
        } else {
            ctx.response().end(body);
        }
    }
}
