package io.glimpse.gateway.http;

import io.netty.handler.codec.DecoderException;
import io.vertx.core.http.HttpServerRequest;

/**
 * What to do with a request body the gateway will not forward (it answered itself: an error, the
 * version list). The request was paused on arrival, and a paused body left unread would stall the
 * connection while the client, still uploading, never reads the answer. So the rest is read and
 * dropped; the connection stays usable, and closing it instead could reset it under the client
 * before it read the answer.
 */
public final class RequestBodies {

    private RequestBodies() {}

    public static void discardRemaining(HttpServerRequest request) {
        if (request.isEnded()) {
            return;
        }
        try {
            request.handler(ignored -> {});
            request.exceptionHandler(ignored -> {});
            request.resume();
        } catch (IllegalStateException alreadyRead) {
            // The body was fully read in the meantime: nothing left to drop.
        }
    }

    /**
     * Whether a failure while reading a request body is the HTTP decoder refusing its framing (a chunk size that is
     * not hex, a chunk longer than announced), as opposed to the client going away.
     */
    public static boolean malformedFraming(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DecoderException || cause instanceof NumberFormatException) {
                return true;
            }
        }
        return false;
    }
}
