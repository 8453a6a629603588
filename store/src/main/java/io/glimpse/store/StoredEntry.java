package io.glimpse.store;

import java.time.Instant;

/**
 * One complete object as a store lists it, for housekeeping such as collecting data no image points at.
 *
 * @param location     the location URL, as {@link ImageStore#write} would have returned it
 * @param lastModified when the object was last written
 */
public record StoredEntry(String location, Instant lastModified) {}
