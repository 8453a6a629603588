package io.glimpse.store;

/** The backend itself failed (disk error, S3 unreachable or refusing). Maps to 503. */
public final class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String storeId, String action, Throwable cause) {
        super("Store '" + storeId + "' failed to " + action + ": " + cause.getMessage(), cause);
    }
}
