package io.glimpse.gateway.routing;

import io.glimpse.contracts.internal.SendFile;
import io.glimpse.gateway.http.RequestBodies;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * One request in flight between a client and an upstream. Both bodies are piped, so Vert.x's
 * back-pressure holds: a slow reader pauses the writer and at most a few buffers sit in memory,
 * whatever the size. Every callback runs on the request's event loop, so the plain state field
 * needs no locking.
 *
 * <p>Failure rules: before the response starts, the client gets an error body (503/504/502);
 * after it started, the connection is cut, which is the only way left to say "truncated".
 */
final class ProxyExchange {

    private static final Logger LOG = Logger.getLogger(ProxyExchange.class);

    private enum State {
        AWAITING_HEADERS,
        STREAMING_RESPONSE,
        DONE
    }

    private final Vertx vertx;
    private final RoutingContext ctx;
    private final HttpServerRequest in;
    private final HttpServerResponse out;
    private final HttpClientRequest upstreamRequest;
    private final UpstreamConnections connections;
    private final Upstream upstream;
    private final Duration responseTimeout;
    private final long maxBodyBytes;
    private final Optional<LocalFiles> localFiles;
    private final Optional<Runnable> retry;
    private State state = State.AWAITING_HEADERS;
    private long headerTimer = -1;

    ProxyExchange(
            Vertx vertx,
            RoutingContext ctx,
            HttpClientRequest upstreamRequest,
            UpstreamConnections connections,
            Upstream upstream,
            Duration responseTimeout,
            long maxBodyBytes,
            Optional<LocalFiles> localFiles,
            Optional<Runnable> retry) {
        this.maxBodyBytes = maxBodyBytes;
        this.retry = retry;
        this.localFiles = localFiles;
        this.vertx = vertx;
        this.ctx = ctx;
        this.in = ctx.request();
        this.out = ctx.response();
        this.upstreamRequest = upstreamRequest;
        this.connections = connections;
        this.upstream = upstream;
        this.responseTimeout = responseTimeout;
    }

    void start() {
        upstreamRequest.exceptionHandler(e -> LOG.debugf("Upstream request to %s failed: %s", upstream.name(), e));
        upstreamRequest.response().onComplete(this::onResponse);
        out.closeHandler(ignored -> onClientGone());
        sendBody();
    }

    private void sendBody() {
        if (in.isEnded()) {
            upstreamRequest.end();
            armHeaderTimer();
            return;
        }
        // A Content-Length is copied as sent, so a sized body stays sized; a body of unknown length
        // goes on chunked. A request without either has no body and is forwarded without framing.
        if (!in.headers().contains(HttpHeaders.CONTENT_LENGTH) && hasBodyOfUnknownLength()) {
            upstreamRequest.setChunked(true);
        }
        if (ForwardedHeaders.expectsContinue(in)) {
            out.writeContinue();
        }
        // Piped even when empty: the pipe resumes the paused request and ends the upstream request
        // when the client's request ends.
        WriteStream<Buffer> towardsUpstream = maxBodyBytes == Long.MAX_VALUE
                ? upstreamRequest
                : new BoundedWriteStream(upstreamRequest, maxBodyBytes);
        in.pipe().endOnFailure(false).to(towardsUpstream).onComplete(sent -> {
            if (sent.succeeded()) {
                armHeaderTimer();
            } else if (state == State.AWAITING_HEADERS && sent.cause() instanceof RequestTooLargeException tooLarge) {
                state = State.DONE;
                cancelHeaderTimer();
                upstreamRequest.reset(0, tooLarge);
                ctx.fail(tooLarge);
            } else if (state == State.AWAITING_HEADERS && RequestBodies.malformedFraming(sent.cause())) {
                // The client's chunked framing broke: nothing of its answer was sent yet, so it gets a 400 before
                // the connection closes, and the upstream never sees a request that is not whole.
                state = State.DONE;
                cancelHeaderTimer();
                upstreamRequest.reset(0, sent.cause());
                ctx.fail(new MessageFraming.AmbiguousFramingException(
                        "The request body's chunked framing is malformed."));
            } else if (state != State.DONE) {
                // The client stopped sending or the upstream stopped reading: tear down this exchange.
                LOG.infof("Request body to %s not fully sent: %s", upstream.name(), sent.cause());
                upstreamRequest.reset(0, sent.cause());
            }
        });
    }

    private boolean hasBodyOfUnknownLength() {
        if (in.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return true;
        }
        // HTTP/2 has no chunked framing: a body may follow any request whose method usually has one.
        HttpMethod method = in.method();
        return in.version() == HttpVersion.HTTP_2
                && (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH);
    }

    /** The response timeout covers waiting for headers only, counted once the request is fully sent. */
    private void armHeaderTimer() {
        if (state == State.AWAITING_HEADERS && headerTimer < 0) {
            headerTimer = vertx.setTimer(responseTimeout.toMillis(), ignored -> onHeaderTimeout());
        }
    }

    private void onHeaderTimeout() {
        if (state != State.AWAITING_HEADERS) {
            return;
        }
        state = State.DONE;
        UpstreamTimeoutException timeout = new UpstreamTimeoutException(upstream, responseTimeout);
        upstreamRequest.reset(0, timeout);
        ctx.fail(timeout);
    }

    private void onResponse(AsyncResult<HttpClientResponse> result) {
        if (state != State.AWAITING_HEADERS) {
            return; // timed out, or the client left
        }
        cancelHeaderTimer();
        if (result.failed()) {
            state = State.DONE;
            if (out.closed()) {
                return; // a client that left caused the failure: nobody to answer
            }
            boolean closed = UpstreamFailures.closedBeforeAnswering(result.cause());
            if (closed) {
                // Which connection it was says why: a pooled one the upstream kept for long (a restart, its idle
                // timeout) or a fresh one (an instance dying).
                LOG.infof(
                        "%s closed the connection (%s) before answering %s %s; %s",
                        upstream.name(),
                        connections.describe(upstreamRequest.connection()),
                        in.method(),
                        in.path(),
                        retry.isPresent() ? "sending it once more" : "answering 502");
            }
            if (retry.isPresent() && closed) {
                // The upstream closed the connection without a word (a pooled connection it had just timed out, or
                // an instance that died): a request with no body and no effects is sent again, as HTTP clients do.
                retry.get().run();
                return;
            }
            ctx.fail(UpstreamFailures.exchanging(upstream, result.cause()));
            return;
        }
        state = State.STREAMING_RESPONSE;
        HttpClientResponse response = result.result();
        String file = response.getHeader(SendFile.PATH);
        if (file != null && localFiles.isPresent()) {
            sendFile(response, localFiles.get(), file);
            return;
        }
        out.setStatusCode(response.statusCode());
        out.setStatusMessage(response.statusMessage());
        ForwardedHeaders.copyTowardsClient(response.headers(), out.headers());
        if (mayHaveBody(response)
                && !response.headers().contains(HttpHeaders.CONTENT_LENGTH)
                && in.version() != HttpVersion.HTTP_2) {
            out.setChunked(true);
        }
        response.pipe().endOnFailure(false).to(out).onComplete(streamed -> {
            state = State.DONE;
            if (streamed.failed()) {
                LOG.debugf("Response from %s cut short: %s", upstream.name(), streamed.cause());
                out.reset();
                upstreamRequest.reset();
            } else {
                stopSendingUnlessSent();
            }
        });
    }

    /**
     * The service decided the answer and named a local file as its body (ADR 0010): its status and headers go out
     * as they are, and the kernel sends the file's bytes to the client. Its own body is empty (Content-Length 0), so
     * its connection goes back to the pool at once.
     */
    private void sendFile(HttpClientResponse response, LocalFiles files, String file) {
        LocalFiles.LocalFile admitted;
        try {
            admitted = files.admit(file, response.getHeader(SendFile.SPAN));
        } catch (IllegalArgumentException refused) {
            state = State.DONE;
            LOG.warnf("%s named a file the gateway may not send: %s", upstream.name(), refused.getMessage());
            ctx.fail(new BadGatewayException(upstream, refused));
            return;
        }
        out.setStatusCode(response.statusCode());
        out.setStatusMessage(response.statusMessage());
        ForwardedHeaders.copyTowardsClient(response.headers(), out.headers());
        out.headers().remove(HttpHeaders.CONTENT_LENGTH);
        out.sendFile(admitted.path(), admitted.offset(), admitted.length()).onComplete(sent -> {
            state = State.DONE;
            if (sent.succeeded()) {
                stopSendingUnlessSent();
            } else {
                LOG.debugf("Sending %s failed: %s", admitted.path(), sent.cause());
                if (out.headWritten()) {
                    out.reset();
                } else {
                    // Gone between the decision and the send (deleted a moment ago): the service's answer stands
                    // for nothing now.
                    ctx.fail(new BadGatewayException(upstream, sent.cause()));
                }
            }
        });
    }

    /**
     * The service answered before the client's body was all sent (a refusal, say): the rest would go nowhere, so the
     * upstream request is cut, which ends the pipe, and the client's remaining bytes are dropped (see MessageFraming).
     */
    private void stopSendingUnlessSent() {
        if (!in.isEnded()) {
            upstreamRequest.reset();
        }
    }

    private boolean mayHaveBody(HttpClientResponse response) {
        int status = response.statusCode();
        return in.method() != HttpMethod.HEAD && status != 204 && status != 304 && status >= 200;
    }

    private void onClientGone() {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        cancelHeaderTimer();
        upstreamRequest.reset();
    }

    private void cancelHeaderTimer() {
        if (headerTimer >= 0) {
            vertx.cancelTimer(headerTimer);
            headerTimer = -1;
        }
    }
}
