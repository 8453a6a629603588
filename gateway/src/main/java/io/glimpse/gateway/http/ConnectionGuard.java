package io.glimpse.gateway.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;

/**
 * Makes sure a client connection whose bytes cannot be decoded is closed. Vert.x closes it after telling the
 * connection's requests, but a request that arrived while the previous answer was still going out (queued, with no
 * response yet) fails that telling with a NullPointerException, the close is skipped, and the client waits forever.
 * Seen by the gateway fuzz test: a malformed chunk right behind a proxied answer. So a handler in front of Vert.x's
 * closes the channel whatever Vert.x's own handling did.
 */
public final class ConnectionGuard {
    private static final String NAME = "glimpse-close-on-failure";
    private static final ChannelHandler CLOSE_ON_FAILURE = new CloseOnFailure();

    private ConnectionGuard() {}

    /** Installs the guard on {@code connection}'s pipeline, once; a no-op for connections Vert.x does not frame. */
    public static void install(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return;
        }
        ChannelPipeline pipeline = base.channel().pipeline();
        ChannelHandlerContext vertx = pipeline.context(VertxHandler.class);
        if (vertx != null && pipeline.get(NAME) == null) {
            pipeline.addBefore(vertx.name(), NAME, CLOSE_ON_FAILURE);
        }
    }

    @ChannelHandler.Sharable
    private static final class CloseOnFailure extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            try {
                ctx.fireExceptionCaught(cause);
            } finally {
                ctx.channel().close();
            }
        }
    }
}
