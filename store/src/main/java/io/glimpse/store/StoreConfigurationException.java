package io.glimpse.store;

/** The store configuration is unusable (duplicate id, missing default, bad S3 settings). */
public final class StoreConfigurationException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreConfigurationException(String message) {
        super(message);
    }
}
