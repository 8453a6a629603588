package io.glimpse.store;

/**
 * Root of every failure a store reports. Unchecked so that callers on reactive or blocking paths
 * can let it travel to the single place that maps it to an HTTP status; each subclass names the
 * status it stands for in its javadoc.
 *
 * <p>Programming errors (a null argument, an image id that is not a safe name) are reported with
 * the usual {@link IllegalArgumentException} / {@link NullPointerException} instead.
 */
public abstract class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected StoreException(String message) {
        super(message);
    }

    protected StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
