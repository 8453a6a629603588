package io.glimpse.store;

/** No store is configured under the requested id. Maps to 400 ("unknown store"). */
public final class UnknownStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String storeId;

    public UnknownStoreException(String storeId) {
        super("Unknown store: " + storeId);
        this.storeId = storeId;
    }

    public String storeId() {
        return storeId;
    }
}
