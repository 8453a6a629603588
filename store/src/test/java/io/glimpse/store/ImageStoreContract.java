package io.glimpse.store;

import io.glimpse.store.TestStreams.CountingInputStream;
import io.glimpse.store.TestStreams.FailingInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.glimpse.store.TestStreams.hex;
import static io.glimpse.store.TestStreams.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behaviour every {@link ImageStore} must show; each backend's test class extends this and adds
 * what is specific to it.
 */
abstract class ImageStoreContract {

    static final long MIB = 1024L * 1024;
    static final long NO_CAP = Long.MAX_VALUE;
    static final long UNKNOWN_SIZE = -1;

    /** Where {@link #copyFromAnotherStoreReportsProgressAndTheCopyOutlivesItsSource} keeps its source store. */
    @TempDir
    Path copySources;

    /** The store under test; for S3 its part size is 5 MiB so that 12 MiB spans three parts. */
    abstract ImageStore store();

    /** Where the store would put {@code imageId}, without writing anything. */
    abstract String locationFor(String imageId);

    /** True when no trace of {@code imageId} is left: no object, no temp file, no upload. */
    abstract boolean nothingStoredFor(String imageId);

    /** The store the 256 MiB write goes to: {@link #store()} unless a backend wants its default. */
    ImageStore storeForLargeWrites() {
        return store();
    }

    static String newImageId() {
        return UUID.randomUUID().toString();
    }

    // --- digests and round trip ---

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 4095, 65_537, 1_000_003, 6 * 1024 * 1024 + 7})
    void digestsEqualIndependentlyComputedOnesAndDataReadsBack(int size) {
        byte[] data = GeneratedInputStream.bytes(size, size + 17L);
        String imageId = newImageId();

        StoredObject stored = store().write(
                        imageId,
                        new ByteArrayInputStream(data),
                        size,
                        DigestSpec.glanceDefault().withSignatureHash(HashAlgorithm.SHA256),
                        NO_CAP);

        assertThat(stored.storeId()).isEqualTo(store().id());
        assertThat(stored.location()).isEqualTo(locationFor(imageId)).isEqualTo(store().locationOf(imageId));
        assertThat(stored.size()).isEqualTo(size);
        assertThat(stored.md5Hex()).isEqualTo(hex("MD5", data));
        assertThat(stored.hashAlgo()).isEqualTo("sha512");
        assertThat(stored.hashHex()).isEqualTo(hex("SHA-512", data));
        assertThat(stored.signatureDigest())
                .hasValueSatisfying(digest -> assertThat(digest).isEqualTo(TestStreams.digest("SHA-256", data)));
        assertThat(readAll(store().read(stored.location(), Optional.empty()))).isEqualTo(data);
        assertThat(store().size(stored.location())).isEqualTo(size);
        assertThat(store().exists(stored.location())).isTrue();
        assertThat(store().ownsLocation(stored.location())).isTrue();
    }

    /** What a caller checks data stored without digests with (a copy, a link): the same digests as the write's. */
    @Test
    void digestReadsTheStoredDataOnceWithTheWritesDigests() {
        byte[] data = GeneratedInputStream.bytes(1_000_003, 23);
        DigestSpec digests = DigestSpec.glanceDefault().withSignatureHash(HashAlgorithm.SHA256);
        StoredObject written =
                store().write(newImageId(), new ByteArrayInputStream(data), data.length, digests, NO_CAP);
        AtomicLong seen = new AtomicLong();

        StoredObject digested =
                store().digest(written.location(), digests, (buffer, offset, length) -> seen.addAndGet(length));

        assertThat(digested.location()).isEqualTo(written.location());
        assertThat(digested.size()).isEqualTo(data.length);
        assertThat(digested.md5Hex()).isEqualTo(written.md5Hex());
        assertThat(digested.hashHex()).isEqualTo(written.hashHex());
        assertThat(digested.signatureDigest().orElseThrow())
                .isEqualTo(written.signatureDigest().orElseThrow());
        assertThat(seen.get()).isEqualTo(data.length);
        assertThatThrownBy(() -> store().digest(locationFor(newImageId()), digests, ByteSink.NONE))
                .isInstanceOf(ImageDataNotFoundException.class);
    }

    /** Checking data against one digest it must have: that digest alone, every byte shown to the observer. */
    @Test
    void digestOfComputesOneDigestOfTheStoredData() {
        byte[] data = GeneratedInputStream.bytes(2 * 1024 * 1024 + 9, 29);
        StoredObject written = store().write(
                        newImageId(), new ByteArrayInputStream(data), data.length, DigestSpec.glanceDefault(), NO_CAP);
        AtomicLong seen = new AtomicLong();

        byte[] sha512 = store().digestOf(
                        written.location(), HashAlgorithm.SHA512, (buffer, offset, length) -> seen.addAndGet(length));

        assertThat(HexFormat.of().formatHex(sha512)).isEqualTo(written.hashHex());
        assertThat(store().digestOf(written.location(), HashAlgorithm.SHA256, ByteSink.NONE))
                .isEqualTo(TestStreams.digest("SHA-256", data));
        assertThat(seen.get()).isEqualTo(data.length);
        assertThatThrownBy(() -> store().digestOf(locationFor(newImageId()), HashAlgorithm.SHA512, ByteSink.NONE))
                .isInstanceOf(ImageDataNotFoundException.class);
    }

    // --- copies of data whose digests are known ---

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 65_537, 6 * 1024 * 1024 + 7})
    void copyStoresExactlyTheDataAndShowsEveryByte(int size) {
        byte[] data = GeneratedInputStream.bytes(size, size + 3L);
        String imageId = newImageId();
        AtomicLong seen = new AtomicLong();

        String location = store().copy(imageId, new ByteArrayInputStream(data), size, (b, o, n) -> seen.addAndGet(n));

        assertThat(location).isEqualTo(locationFor(imageId));
        assertThat(seen).hasValue(size);
        assertThat(readAll(store().read(location, Optional.empty()))).isEqualTo(data);
    }

    @Test
    void copyOfDataShorterOrLongerThanItsSizeFailsAndLeavesNothing() {
        byte[] data = GeneratedInputStream.bytes(1000, 5);
        String shorter = newImageId();
        String longer = newImageId();

        assertThatThrownBy(() -> store().copy(shorter, new ByteArrayInputStream(data), 1001, ByteSink.NONE))
                .isInstanceOf(SizeMismatchException.class);
        assertThatThrownBy(() -> store().copy(longer, new ByteArrayInputStream(data), 999, ByteSink.NONE))
                .isInstanceOf(SizeMismatchException.class);
        assertThat(nothingStoredFor(shorter)).isTrue();
        assertThat(nothingStoredFor(longer)).isTrue();
    }

    @Test
    void copyNeverOverwritesExistingData() {
        String imageId = newImageId();
        store().copy(imageId, new ByteArrayInputStream(new byte[] {1, 2}), 2, ByteSink.NONE);

        assertThatThrownBy(() -> store().copy(imageId, new ByteArrayInputStream(new byte[] {3}), 1, ByteSink.NONE))
                .isInstanceOf(ImageDataExistsException.class);
        assertThat(readAll(store().read(locationFor(imageId), Optional.empty())))
                .containsExactly(1, 2);
    }

    @Test
    void copyFromAnotherStoreReportsProgressAndTheCopyOutlivesItsSource() {
        byte[] data = GeneratedInputStream.bytes(3 * 1024 * 1024 + 5, 11);
        FileImageStore source = new FileImageStore("source", copySources);
        String sourceLocation = source.copy(newImageId(), new ByteArrayInputStream(data), data.length, ByteSink.NONE);
        String imageId = newImageId();
        AtomicLong progress = new AtomicLong();

        String location = store().copyFrom(source, sourceLocation, imageId, data.length, progress::addAndGet);
        source.delete(sourceLocation);

        assertThat(progress).hasValue(data.length);
        assertThat(readAll(store().read(location, Optional.empty()))).isEqualTo(data);
    }

    @Test
    void listingShowsCompleteObjectsWithTheirWriteTime() {
        java.time.Instant before = java.time.Instant.now().minusSeconds(5);
        String first = store().write(
                        newImageId(), new ByteArrayInputStream(new byte[10]), 10, DigestSpec.glanceDefault(), NO_CAP)
                .location();
        String second = store().write(
                        newImageId(), new ByteArrayInputStream(new byte[20]), 20, DigestSpec.glanceDefault(), NO_CAP)
                .location();
        String deleted = store().write(
                        newImageId(), new ByteArrayInputStream(new byte[5]), 5, DigestSpec.glanceDefault(), NO_CAP)
                .location();
        store().delete(deleted);

        java.util.Map<String, java.time.Instant> listed = new java.util.HashMap<>();
        store().forEachObject(entry -> listed.put(entry.location(), entry.lastModified()));

        assertThat(listed).containsKeys(first, second).doesNotContainKey(deleted);
        assertThat(listed.get(first))
                .isAfter(before)
                .isBefore(java.time.Instant.now().plusSeconds(5));
        assertThat(listed.keySet()).allMatch(store()::ownsLocation);
    }

    @Test
    void osHashAlgorithmIsTheOneAskedFor() {
        byte[] data = GeneratedInputStream.bytes(10_001, 3);

        StoredObject stored = store().write(
                        newImageId(),
                        new ByteArrayInputStream(data),
                        UNKNOWN_SIZE,
                        DigestSpec.of(HashAlgorithm.SHA3_256).withSignatureHash(HashAlgorithm.SHA384),
                        NO_CAP);

        assertThat(stored.hashAlgo()).isEqualTo("sha3_256");
        assertThat(stored.hashHex()).isEqualTo(hex("SHA3-256", data));
        assertThat(stored.signatureDigest().orElseThrow()).isEqualTo(TestStreams.digest("SHA-384", data));
    }

    @Test
    void signatureHashEqualToOsHashGivesTheSameDigest() {
        byte[] data = GeneratedInputStream.bytes(777, 4);

        StoredObject stored = store().write(
                        newImageId(),
                        new ByteArrayInputStream(data),
                        777,
                        DigestSpec.glanceDefault().withSignatureHash(HashAlgorithm.SHA512),
                        NO_CAP);

        assertThat(HexFormat.of().formatHex(stored.signatureDigest().orElseThrow()))
                .isEqualTo(stored.hashHex());
    }

    @Test
    void noSignatureDigestUnlessAskedFor() {
        StoredObject stored = store().write(
                        newImageId(), new ByteArrayInputStream(new byte[3]), 3, DigestSpec.glanceDefault(), NO_CAP);

        assertThat(stored.signatureDigest()).isEmpty();
    }

    @Test
    void observerSeesEveryByteOnceInOrderWhileTheSourceIsReadOnce() throws Exception {
        long size = 12 * MIB + 5;
        CountingInputStream source = new CountingInputStream(new GeneratedInputStream(size, 11));
        MessageDigest observed = MessageDigest.getInstance("MD5");
        AtomicLong observedBytes = new AtomicLong();

        StoredObject stored = store().write(
                        newImageId(),
                        source,
                        UNKNOWN_SIZE,
                        DigestSpec.glanceDefault(),
                        NO_CAP,
                        (buffer, offset, length) -> {
                            observed.update(buffer, offset, length);
                            observedBytes.addAndGet(length);
                        });

        assertThat(source.count()).isEqualTo(size);
        assertThat(observedBytes.get()).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(observed.digest())).isEqualTo(stored.md5Hex());
        assertThat(stored.md5Hex()).isEqualTo(hex("MD5", new GeneratedInputStream(size, 11)));
    }

    // --- range reads ---

    @Test
    void rangeReadsReturnTheRequestedBytes() {
        byte[] data = GeneratedInputStream.bytes(100_000, 5);
        String location = store().write(
                        newImageId(), new ByteArrayInputStream(data), data.length, DigestSpec.glanceDefault(), NO_CAP)
                .location();

        assertThat(readRange(location, ByteRange.between(0, 0))).containsExactly(data[0]);
        assertThat(readRange(location, ByteRange.between(10, 19))).isEqualTo(slice(data, 10, 20));
        assertThat(readRange(location, ByteRange.from(99_990))).isEqualTo(slice(data, 99_990, 100_000));
        assertThat(readRange(location, ByteRange.between(99_999, 99_999))).containsExactly(data[99_999]);
        // A last byte past the end is clipped to the end, as HTTP does.
        assertThat(readRange(location, ByteRange.between(99_000, 5_000_000))).isEqualTo(slice(data, 99_000, 100_000));
    }

    @Test
    void rangeStartingAtOrPastTheEndIsNotSatisfiable() {
        String location = store().write(
                        newImageId(), new ByteArrayInputStream(new byte[10]), 10, DigestSpec.glanceDefault(), NO_CAP)
                .location();

        assertThatThrownBy(() -> readRange(location, ByteRange.from(10)))
                .isInstanceOf(RangeNotSatisfiableException.class);
        assertThatThrownBy(() -> readRange(location, ByteRange.between(11, 20)))
                .isInstanceOf(RangeNotSatisfiableException.class);
    }

    private byte[] readRange(String location, ByteRange range) {
        return readAll(store().read(location, Optional.of(range)));
    }

    private static byte[] slice(byte[] data, int from, int to) {
        return java.util.Arrays.copyOfRange(data, from, to);
    }

    // --- size cap and announced size ---

    @Test
    void dataOfExactlyTheCapIsAccepted() {
        StoredObject stored = store().write(
                        newImageId(),
                        new GeneratedInputStream(4096, 1),
                        UNKNOWN_SIZE,
                        DigestSpec.glanceDefault(),
                        4096);

        assertThat(stored.size()).isEqualTo(4096);
    }

    @Test
    void dataOverTheCapFailsAndLeavesNothing() {
        String imageId = newImageId();

        assertThatThrownBy(() -> store().write(
                                imageId,
                                new GeneratedInputStream(12 * MIB, 2),
                                UNKNOWN_SIZE,
                                DigestSpec.glanceDefault(),
                                11 * MIB))
                .isInstanceOfSatisfying(
                        ImageTooLargeException.class,
                        e -> assertThat(e.sizeCap()).isEqualTo(11 * MIB));
        assertThat(nothingStoredFor(imageId)).isTrue();
    }

    @Test
    void announcedSizeOverTheCapFailsBeforeReadingAnything() {
        CountingInputStream source = new CountingInputStream(new GeneratedInputStream(100, 1));
        String imageId = newImageId();

        assertThatThrownBy(() -> store().write(imageId, source, 100, DigestSpec.glanceDefault(), 99))
                .isInstanceOf(ImageTooLargeException.class);
        assertThat(source.count()).isZero();
        assertThat(nothingStoredFor(imageId)).isTrue();
    }

    @Test
    void dataShorterThanAnnouncedFailsAndLeavesNothing() {
        String imageId = newImageId();

        assertThatThrownBy(() -> store().write(
                                imageId,
                                new GeneratedInputStream(12 * MIB, 3),
                                12 * MIB + 1,
                                DigestSpec.glanceDefault(),
                                NO_CAP))
                .isInstanceOfSatisfying(SizeMismatchException.class, e -> {
                    assertThat(e.expectedSize()).isEqualTo(12 * MIB + 1);
                    assertThat(e.receivedAtLeast()).isEqualTo(12 * MIB);
                });
        assertThat(nothingStoredFor(imageId)).isTrue();
    }

    @Test
    void dataLongerThanAnnouncedFailsAndLeavesNothing() {
        String imageId = newImageId();

        assertThatThrownBy(() -> store().write(
                                imageId,
                                new GeneratedInputStream(12 * MIB, 3),
                                6 * MIB,
                                DigestSpec.glanceDefault(),
                                NO_CAP))
                .isInstanceOf(SizeMismatchException.class);
        assertThat(nothingStoredFor(imageId)).isTrue();
    }

    // --- unfinished writes (a writer that crashed leaves them; housekeeping removes them) ---

    @Test
    void aWriteInProgressIsListedAsPartialAndCanBeRemoved() throws Exception {
        String imageId = newImageId();
        CountDownLatch release = new CountDownLatch(1);
        // Past the first 5 MiB part, so that S3 has an unfinished multipart upload.
        InputStream stalled = new InputStream() {
            private final InputStream data = new GeneratedInputStream(6 * MIB, 8);

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = data.read(buffer, offset, length);
                if (read >= 0) {
                    return read;
                }
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the writer died");
            }
        };
        CompletableFuture<StoredObject> write = CompletableFuture.supplyAsync(
                () -> store().write(imageId, stalled, UNKNOWN_SIZE, DigestSpec.glanceDefault(), NO_CAP));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!partialWritesOf(imageId)) {
                assertThat(System.nanoTime())
                        .as("a partial write of the image shows")
                        .isLessThan(deadline);
                Thread.sleep(50);
            }

            store().deletePartialWrites(imageId);

            assertThat(partialWritesOf(imageId)).isFalse();
        } finally {
            release.countDown();
        }
        assertThatThrownBy(write::join).isInstanceOf(CompletionException.class);
        assertThat(nothingStoredFor(imageId)).isTrue();
        store().deletePartialWrites(imageId); // nothing left to remove: still fine
    }

    private boolean partialWritesOf(String imageId) {
        List<PartialWrite> partial = new ArrayList<>();
        store().forEachPartialWrite(partial::add);
        return partial.stream().anyMatch(write -> write.imageId().equals(imageId));
    }

    // --- cleanup on failure ---

    @Test
    void sourceFailingMidwayLeavesNothing() {
        String imageId = newImageId();
        IOException broken = new IOException("client went away");
        InputStream source = new FailingInputStream(new GeneratedInputStream(20 * MIB, 4), 11 * MIB + 3, broken);

        assertThatThrownBy(() -> store().write(imageId, source, UNKNOWN_SIZE, DigestSpec.glanceDefault(), NO_CAP))
                .isInstanceOf(SourceStreamException.class)
                .hasCause(broken);
        assertThat(nothingStoredFor(imageId)).isTrue();
    }

    @Test
    void observerFailureAbortsTheWriteWithTheObserversException() {
        String imageId = newImageId();
        IllegalStateException rejected = new IllegalStateException("qcow2 with a backing file");
        AtomicLong seen = new AtomicLong();

        assertThatThrownBy(() -> store().write(
                                imageId,
                                new GeneratedInputStream(12 * MIB, 6),
                                UNKNOWN_SIZE,
                                DigestSpec.glanceDefault(),
                                NO_CAP,
                                (buffer, offset, length) -> {
                                    if (seen.addAndGet(length) > 11 * MIB) {
                                        throw rejected;
                                    }
                                }))
                .isSameAs(rejected);
        assertThat(nothingStoredFor(imageId)).isTrue();
    }

    @Test
    void existingDataIsNeverOverwritten() {
        String imageId = newImageId();
        byte[] original = GeneratedInputStream.bytes(1000, 7);
        String location = store().write(
                        imageId, new ByteArrayInputStream(original), 1000, DigestSpec.glanceDefault(), NO_CAP)
                .location();

        assertThatThrownBy(() -> store().write(
                                imageId, new ByteArrayInputStream(new byte[5]), 5, DigestSpec.glanceDefault(), NO_CAP))
                .isInstanceOf(ImageDataExistsException.class);
        assertThat(readAll(store().read(location, Optional.empty()))).isEqualTo(original);
    }

    // --- delete, exists, locations ---

    @Test
    void deleteIsIdempotent() {
        String location = store().write(
                        newImageId(), new ByteArrayInputStream(new byte[42]), 42, DigestSpec.glanceDefault(), NO_CAP)
                .location();

        store().delete(location);
        store().delete(location);

        assertThat(store().exists(location)).isFalse();
        assertThatThrownBy(() -> store().read(location, Optional.empty()))
                .isInstanceOf(ImageDataNotFoundException.class);
        assertThatThrownBy(() -> store().size(location)).isInstanceOf(ImageDataNotFoundException.class);
    }

    @Test
    void deletingDataThatWasNeverWrittenSucceeds() {
        String location = locationFor(newImageId());

        store().delete(location);

        assertThat(store().exists(location)).isFalse();
    }

    @Test
    void locationsOfOtherStoresAreRejected() {
        for (String foreign : new String[] {
            "gopher://info.cern.ch",
            "http://example.com/x",
            "s3://some-other-bucket/" + newImageId(),
            "file:///etc/passwd",
            "not a url"
        }) {
            assertThat(store().ownsLocation(foreign)).as(foreign).isFalse();
            assertThatThrownBy(() -> store().read(foreign, Optional.empty()))
                    .as(foreign)
                    .isInstanceOf(InvalidLocationException.class);
            assertThatThrownBy(() -> store().delete(foreign)).as(foreign).isInstanceOf(InvalidLocationException.class);
            assertThatThrownBy(() -> store().exists(foreign)).as(foreign).isInstanceOf(InvalidLocationException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../escape", ".hidden", "a/b", "a\\b", "white space"})
    void unsafeImageIdsAreRejected(String imageId) {
        assertThatThrownBy(() -> store().write(
                                imageId, new ByteArrayInputStream(new byte[1]), 1, DigestSpec.glanceDefault(), NO_CAP))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- bounded memory ---

    /**
     * 256 MiB generated on the fly must pass with far less retained heap than its size, and the
     * digests must equal those of the same bytes generated again.
     */
    @Test
    void writing256MiBKeepsTheHeapBounded() {
        long size = 256 * MIB;
        long seed = 256;
        HeapProbe heap = new HeapProbe();
        InputStream source = new GeneratedInputStream(size, seed, 16 * MIB, heap::sample);

        long started = System.nanoTime();
        StoredObject stored =
                storeForLargeWrites().write(newImageId(), source, size, DigestSpec.glanceDefault(), NO_CAP);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        long growth = heap.growthBytes();
        System.out.printf(
                "[measure] %s store: 256 MiB written in %d ms (%.0f MiB/s, incl. MD5 +"
                        + " SHA-512 and 16 heap samples), retained heap growth %.1f MiB%n",
                storeForLargeWrites().kind().glanceType(),
                elapsedMillis,
                256_000.0 / Math.max(1, elapsedMillis),
                growth / (double) MIB);
        assertThat(growth).isLessThan(64 * MIB);
        assertThat(stored.size()).isEqualTo(size);
        assertThat(stored.md5Hex()).isEqualTo(hex("MD5", new GeneratedInputStream(size, seed)));
        assertThat(stored.hashHex()).isEqualTo(hex("SHA-512", new GeneratedInputStream(size, seed)));
        assertThat(hex("MD5", storeForLargeWrites().read(stored.location(), Optional.empty())))
                .isEqualTo(stored.md5Hex());
        storeForLargeWrites().delete(stored.location());
    }
}
