package io.glimpse.contracts.internal;

/**
 * Image data the gateway sends to the client itself, straight from a local file, instead of relaying it from the
 * service that decided the download (the X-Accel-Redirect pattern; ADR 0010). The service still owns the decision —
 * policy, status, range, headers — and the gateway only moves bytes it was told to move, from directories its own
 * configuration names.
 *
 * <p>The gateway offers on each image data {@code GET}; a service that can answer with a local file replies with its
 * status and headers, an empty body, {@link #PATH} and {@link #SPAN}. A service that cannot (an S3 store, or no
 * offer) answers as usual with the bytes. The gateway strips all three headers from what clients send and from what
 * they receive.
 */
public final class SendFile {

    /** Gateway → service: "I can send a local file for this answer myself". Value {@code 1}. */
    public static final String OFFER = "X-Glimpse-Send-File-Offer";

    /** Service → gateway: the absolute path of the file to send. */
    public static final String PATH = "X-Glimpse-Send-File";

    /** Service → gateway: {@code <offset> <length>}, the bytes of the file that form the body. */
    public static final String SPAN = "X-Glimpse-Send-File-Span";

    private SendFile() {}
}
