package io.glimpse.store;

/** A location URL is malformed or does not belong to the store it was handed to. Maps to 400. */
public final class InvalidLocationException extends StoreException {
    private static final long serialVersionUID = 1L;

    public InvalidLocationException(String location, String reason) {
        super("Invalid location '" + location + "': " + reason);
    }
}
