package io.glimpse.store;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One image data backend, selected by {@link #id()}. Implementations are thread-safe.
 *
 * <p>Locations are URLs the store hands out from {@link #write} and understands again in {@link
 * #read}, {@link #delete}, {@link #exists} and {@link #size}; a location of another store is
 * rejected with {@link InvalidLocationException}.
 */
public interface ImageStore extends AutoCloseable {

    /** The configured store id (what {@code X-Image-Meta-Store} and {@code stores} name). */
    String id();

    StoreKind kind();

    /** {@link #write(String, InputStream, long, DigestSpec, long, ByteSink)} with no observer. */
    default StoredObject write(String imageId, InputStream data, long expectedSize, DigestSpec digests, long sizeCap) {
        return write(imageId, data, expectedSize, digests, sizeCap, ByteSink.NONE);
    }

    /**
     * Streams {@code data} into the store exactly once, with bounded memory, computing MD5, the
     * {@code os_hash} digest and the optional signature digest in the same pass, and showing every
     * byte to {@code observer} on the way.
     *
     * <p>On any failure nothing stays behind under the image's location and the exception is
     * rethrown: {@link ImageTooLargeException}, {@link SizeMismatchException}, {@link
     * SourceStreamException}, {@link ImageDataExistsException}, {@link StoreUnavailableException},
     * or whatever {@code observer} threw. {@code data} is not closed.
     *
     * @param imageId the image id; becomes the file name / object key
     * @param expectedSize announced size in bytes, or -1 when unknown; a different actual size
     *     fails the write
     * @param sizeCap largest accepted size in bytes (inclusive)
     */
    StoredObject write(
            String imageId, InputStream data, long expectedSize, DigestSpec digests, long sizeCap, ByteSink observer);

    /**
     * Stores data whose digests are already known (staged data, a copy between stores) under {@code imageId}: exactly
     * {@code size} bytes of {@code data}, with bounded memory, showing every byte to {@code observer}, without digesting
     * them again. Fails like {@link #write} and leaves nothing behind ({@link SizeMismatchException} when the data is
     * shorter or longer than {@code size}). {@code data} is not closed.
     *
     * @return the location of the stored data
     */
    String copy(String imageId, InputStream data, long size, ByteSink observer);

    /**
     * Copies the {@code size} bytes at {@code sourceLocation} of {@code source} under {@code imageId} in this store,
     * without digesting them again, reporting the bytes copied so far to {@code progress} (in increments). Streams
     * through {@link #copy}; a store may do better for a source it knows (a file store links a file of the same file
     * system).
     *
     * @return the location of the copy
     */
    default String copyFrom(
            ImageStore source, String sourceLocation, String imageId, long size, LongConsumer progress) {
        try (InputStream data = source.read(sourceLocation, Optional.empty())) {
            return copy(imageId, data, size, (buffer, offset, length) -> progress.accept(length));
        } catch (IOException e) {
            throw new StoreUnavailableException(source.id(), "read " + sourceLocation, e);
        }
    }

    /**
     * Whether {@link #copyFrom} from {@code source} costs no I/O whatever the size (a file store links a file of the
     * same file system): a caller that must check the data anyway may then copy first and {@link #digest} the copy.
     */
    default boolean linksFrom(ImageStore source) {
        return false;
    }

    /**
     * Reads the data at {@code location} once, computing the digests {@code digests} asks for and showing every byte
     * to {@code observer}, as {@link #write} does: how data stored without digests (a copy, a link) is checked.
     *
     * @throws ImageDataNotFoundException no data at that location
     */
    default StoredObject digest(String location, DigestSpec digests, ByteSink observer) {
        byte[] chunk = new byte[64 * 1024];
        try (InputStream data = read(location, Optional.empty());
                DigestCalculator calculator = new DigestCalculator(digests)) {
            IngestInputStream ingest = new IngestInputStream(data, -1, Long.MAX_VALUE, calculator::update, observer);
            while (ingest.read(chunk, 0, chunk.length) >= 0) {
                // the digests and the observer see every byte
            }
            DigestCalculator.Digests result = calculator.finish();
            return StoredObject.of(id(), location, ingest.bytesRead(), result);
        } catch (IOException e) {
            throw new StoreUnavailableException(id(), "read " + location, e);
        }
    }

    /**
     * Reads the data at {@code location} once, computing {@code algorithm}'s digest alone and showing every byte to
     * {@code observer}: how data is checked against one digest it must have, at the cost of that digest only
     * ({@link #digest} always adds MD5).
     *
     * @return the raw digest
     * @throws ImageDataNotFoundException no data at that location
     */
    default byte[] digestOf(String location, HashAlgorithm algorithm, ByteSink observer) {
        byte[] chunk = new byte[1024 * 1024];
        MessageDigest digest = algorithm.newDigest();
        try (InputStream data = read(location, Optional.empty())) {
            IngestInputStream ingest = new IngestInputStream(data, -1, Long.MAX_VALUE, digest::update, observer);
            while (ingest.read(chunk, 0, chunk.length) >= 0) {
                // the digest and the observer see every byte
            }
            return digest.digest();
        } catch (IOException e) {
            throw new StoreUnavailableException(id(), "read " + location, e);
        }
    }

    /**
     * Opens the data at {@code location}, whole or the given range. The caller closes the stream.
     *
     * @throws ImageDataNotFoundException no data at that location
     * @throws RangeNotSatisfiableException the range starts at or past the end
     */
    InputStream read(String location, Optional<ByteRange> range);

    /** Where this store keeps (or would keep) the data of {@code imageId}; nothing is read or written. */
    String locationOf(String imageId);

    /** Removes the data; removing data that is already gone succeeds (idempotent). */
    void delete(String location);

    boolean exists(String location);

    /**
     * Size in bytes of the data at {@code location}.
     *
     * @throws ImageDataNotFoundException no data at that location
     */
    long size(String location);

    /**
     * Every complete object of this store (partial uploads are not listed), streamed to {@code
     * consumer} without holding the listing in memory.
     *
     * @throws StoreUnavailableException the store could not be listed
     */
    void forEachObject(Consumer<StoredEntry> consumer);

    /**
     * Every unfinished write of this store ({@link #write} in progress, or interrupted by a crash that left its
     * temp data behind), streamed to {@code consumer}.
     *
     * @throws StoreUnavailableException the store could not be listed
     */
    void forEachPartialWrite(Consumer<PartialWrite> consumer);

    /**
     * Removes whatever unfinished writes of {@code imageId} left behind; a write of it still running then fails.
     * Only for an image with no live upload: idempotent, and nothing to remove succeeds.
     *
     * @throws StoreUnavailableException the store could not be cleaned now
     */
    void deletePartialWrites(String imageId);

    /** Whether {@code location} is one this store hands out (says nothing about existence). */
    boolean ownsLocation(String location);

    /** Releases clients and connection pools. */
    @Override
    default void close() {}
}
