package io.glimpse.gateway.error;

import io.glimpse.contracts.error.ErrorBody;
import io.glimpse.gateway.http.RequestBodies;
import io.glimpse.policy.PolicyDeniedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * The one place that writes error responses: maps a failure to a status and explanation, and
 * renders contracts' {@link ErrorBody} as JSON, HTML or plain text by {@code Accept} (§1.4).
 */
@ApplicationScoped
public class ErrorResponder {

    private static final Logger LOG = Logger.getLogger(ErrorResponder.class);

    /** Route failure handler: whatever a handler passed to {@code ctx.fail(...)}. */
    public void handleFailure(RoutingContext ctx) {
        if (ctx.failure() != null) {
            respond(ctx, ctx.failure());
        } else {
            respond(ctx, new StatusOnlyException(ctx.statusCode() < 400 ? 500 : ctx.statusCode()));
        }
    }

    public void respond(RoutingContext ctx, Throwable failure) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // A streamed response broke half-way: the status is gone, so the only honest signal left
            // is cutting the connection, which the client sees as a truncated body.
            LOG.debugf(
                    failure,
                    "Failure after the response started; closing %s",
                    ctx.request().path());
            response.reset();
            return;
        }
        Problem problem = Problem.of(failure);
        if (problem.status() >= 500) {
            LOG.warnf(
                    "%s %s -> %d: %s%s",
                    ctx.request().method(),
                    ctx.request().path(),
                    problem.status(),
                    problem.explanation(),
                    failure.getCause() == null ? "" : " (" + failure.getCause() + ")");
        }
        ErrorBody body = ErrorBody.of(problem.status(), problem.explanation());
        ErrorFormat format = ErrorFormat.negotiate(ctx.request().getHeader(HttpHeaders.ACCEPT));
        response.setStatusCode(problem.status());
        problem.headers().forEach((name, values) -> response.headers().set(name, values));
        response.putHeader(HttpHeaders.CONTENT_TYPE, format.contentType());
        boolean close = failure instanceof GatewayException known && known.closesConnection();
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        } else {
            RequestBodies.discardRemaining(ctx.request());
        }
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.end();
        } else {
            response.end(format.render(body));
        }
        if (close) {
            // The answer is written to the socket first; closing then drops whatever the client still sends.
            ctx.request().connection().close();
        }
    }

    private record Problem(int status, String explanation, Map<String, List<String>> headers) {

        static Problem of(Throwable failure) {
            return switch (failure) {
                case GatewayException known -> new Problem(known.status(), known.explanation(), known.headers());
                case PolicyDeniedException denied -> new Problem(403, denied.getMessage(), Map.of());
                default -> {
                    LOG.error("Unexpected failure in the gateway", failure);
                    yield new Problem(
                            500,
                            "The server has either erred or is incapable of performing the requested operation.",
                            Map.of());
                }
            };
        }
    }

    /** A failure signalled by status only (e.g. by a Vert.x handler), rendered like any other. */
    private static final class StatusOnlyException extends GatewayException {
        StatusOnlyException(int status) {
            super(status, "The request could not be processed.");
        }
    }
}
