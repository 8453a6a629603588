package io.glimpse.gateway.routing;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * Passes a request body on to the upstream while counting it, and fails the write that would take it past the
 * route's limit, so a chunked body of unknown length is bounded like one with a {@code Content-Length}.
 */
final class BoundedWriteStream implements WriteStream<Buffer> {
    private final WriteStream<Buffer> upstream;
    private final long limit;
    private long written;

    BoundedWriteStream(WriteStream<Buffer> upstream, long limit) {
        this.upstream = upstream;
        this.limit = limit;
    }

    @Override
    public Future<Void> write(Buffer data) {
        written += data.length();
        if (written > limit) {
            return Future.failedFuture(new RequestTooLargeException(limit));
        }
        return upstream.write(data);
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
        write(data).onComplete(handler);
    }

    @Override
    public Future<Void> end() {
        return upstream.end();
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
        end().onComplete(handler);
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        upstream.exceptionHandler(handler);
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        upstream.setWriteQueueMaxSize(maxSize);
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return upstream.writeQueueFull();
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        upstream.drainHandler(handler);
        return this;
    }
}
