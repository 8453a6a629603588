package io.glimpse.gateway.routing;

import io.glimpse.gateway.error.ErrorResponder;
import io.glimpse.gateway.error.GatewayException;
import io.glimpse.gateway.http.ConnectionGuard;
import io.glimpse.gateway.http.RequestBodies;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The gateway is the proxy in front of every service, so it refuses a request whose length a server behind it
 * could read differently (RFC 9112 §6.3, request smuggling): a {@code Transfer-Encoding} other than exactly
 * {@code chunked}, one together with a {@code Content-Length}, and an HTTP/1.1 request without exactly one
 * {@code Host} (§3.2). Each gets 400 and the connection is closed, since where the next request would start is
 * unknown. A {@code Content-Length} that does not parse, and a malformed chunk, are refused the same way by the
 * HTTP decoder itself (see {@link ErrorResponder} for the chunk case).
 *
 * <p>The decoder applies one rule before this check sees the request: {@code Transfer-Encoding: chunked} with a
 * {@code Content-Length} is read as chunked and the {@code Content-Length} removed, which is what §6.3 requires of
 * an intermediary that forwards such a message; the services then receive one unambiguous chunked body.
 */
@ApplicationScoped
public class MessageFraming {
    private final ErrorResponder errors;

    public MessageFraming(ErrorResponder errors) {
        this.errors = errors;
    }

    /**
     * Before every other route, the management endpoints included; and as the first failure handler, since a
     * handler of the HTTP layer that runs even earlier fails on an HTTP/1.1 request without {@code Host}.
     */
    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check).failureHandler(this::checkFailed);
    }

    void checkFailed(RoutingContext ctx) {
        Optional<String> problem =
                problem(ctx.request().version(), ctx.request().headers());
        if (problem.isPresent() && !ctx.response().headWritten()) {
            errors.respond(ctx, new AmbiguousFramingException(problem.get()));
        } else {
            ctx.next();
        }
    }

    void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Optional<String> problem = problem(request.version(), request.headers());
        if (problem.isPresent()) {
            errors.respond(ctx, new AmbiguousFramingException(problem.get()));
            return;
        }
        if (request.version() != HttpVersion.HTTP_2) {
            ConnectionGuard.install(request.connection());
        }
        // Whoever answers, and however early, the rest of the body is then read and dropped: a body left unread
        // would stall the connection for the client's next request.
        ctx.addEndHandler(ignored -> RequestBodies.discardRemaining(request));
        // A malformed chunk makes the HTTP layer close the connection right after telling the request: until
        // the body is piped somewhere (see ProxyExchange), this is where the client still gets its 400.
        request.exceptionHandler(failure -> {
            if (RequestBodies.malformedFraming(failure) && !ctx.response().headWritten()) {
                errors.respond(ctx, new AmbiguousFramingException("The request body's chunked framing is malformed."));
            }
        });
        ctx.next();
    }

    static Optional<String> problem(HttpVersion version, MultiMap headers) {
        if (version == HttpVersion.HTTP_2) {
            return Optional.empty(); // HTTP/2 frames its messages itself
        }
        List<String> codings = headers.getAll(HttpHeaders.TRANSFER_ENCODING).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(coding -> coding.strip().toLowerCase(Locale.ROOT))
                .toList();
        if (!codings.isEmpty()) {
            if (headers.contains(HttpHeaders.CONTENT_LENGTH)) {
                return Optional.of("A request must not carry both Content-Length and Transfer-Encoding.");
            }
            if (!codings.equals(List.of("chunked"))) {
                return Optional.of("Transfer-Encoding must be chunked, and nothing else.");
            }
        }
        if (version == HttpVersion.HTTP_1_1 && headers.getAll(HttpHeaders.HOST).size() != 1) {
            return Optional.of("An HTTP/1.1 request must carry exactly one Host header.");
        }
        return Optional.empty();
    }

    /** 400, after which the connection is closed: the rest of its bytes cannot be framed reliably. */
    public static final class AmbiguousFramingException extends GatewayException {
        public AmbiguousFramingException(String explanation) {
            super(400, explanation);
        }

        @Override
        public boolean closesConnection() {
            return true;
        }
    }
}
