package io.glimpse.gateway.error;

import java.util.List;
import java.util.Map;

/**
 * A request the gateway answers itself with an error. Each subclass fixes its status; the
 * {@link ErrorResponder} turns any of them into the §1.4 error body, so no code writes error
 * responses by hand.
 */
public abstract class GatewayException extends RuntimeException {

    private final int status;

    protected GatewayException(int status, String explanation) {
        this(status, explanation, null);
    }

    protected GatewayException(int status, String explanation, Throwable cause) {
        // No stack trace: these are expected outcomes, not bugs, and some are frequent (401s).
        super(explanation, cause, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The text shown to the client in the error body. */
    public String explanation() {
        return getMessage();
    }

    /**
     * Whether the connection must be closed after the answer, because the rest of the request cannot (or should
     * not) be read: its framing is broken, or its body is far larger than anything the route takes.
     */
    public boolean closesConnection() {
        return false;
    }

    /** Headers the response must carry besides the body, e.g. {@code Allow} or {@code WWW-Authenticate}. */
    public Map<String, List<String>> headers() {
        return Map.of();
    }
}
