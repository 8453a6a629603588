package io.glimpse.store;

import java.time.Instant;

/**
 * What an unfinished write left in a store: a temp file, an incomplete multipart upload. A write still running
 * shows here too; housekeeping tells the two apart by the image's upload lease and by age.
 *
 * @param imageId      the image the write was for
 * @param lastModified when it was last written to (the file store) or started (S3)
 */
public record PartialWrite(String imageId, Instant lastModified) {}
