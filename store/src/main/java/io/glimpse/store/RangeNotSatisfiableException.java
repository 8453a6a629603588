package io.glimpse.store;

/** The first byte of a requested range lies at or past the end of the data. Maps to 416. */
public final class RangeNotSatisfiableException extends StoreException {
    private static final long serialVersionUID = 1L;

    public RangeNotSatisfiableException(ByteRange range, String location) {
        super("Range starting at byte " + range.firstByte() + " is not satisfiable for " + location);
    }
}
