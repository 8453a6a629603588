package io.glimpse.store;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static io.glimpse.store.TestStreams.hex;
import static io.glimpse.store.TestStreams.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs against a real S3 endpoint ({@link S3TestEndpoint}); fails, never skips, without one. The
 * contract store uses 5 MiB parts (the S3 minimum) so that the 12 MiB failure cases break in the
 * middle of a multipart upload.
 */
class S3ImageStoreTest extends ImageStoreContract {

    private static final long SMALL_PARTS = 5 * MIB;
    private static final long DEFAULT_PARTS = S3StoreSettings.DEFAULT_PART_SIZE;

    private static String bucket;
    private static S3ImageStore store;
    private static S3ImageStore defaultPartStore;

    @BeforeAll
    static void openStores() throws Exception {
        S3TestEndpoint.requireReachable();
        bucket = S3TestEndpoint.freshBucketName();
        System.out.println("[s3] testing against " + S3TestEndpoint.ENDPOINT + ", bucket " + bucket);
        try (MinioClient client = S3TestEndpoint.client()) {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        store = new S3ImageStore("s3-small-parts", S3TestEndpoint.settings(bucket, SMALL_PARTS));
        defaultPartStore = new S3ImageStore("s3-default-parts", S3TestEndpoint.settings(bucket, DEFAULT_PARTS));
    }

    @AfterAll
    static void closeStores() {
        if (store != null) {
            store.close();
            defaultPartStore.close();
            S3TestEndpoint.removeBucket(bucket);
        }
    }

    @Override
    ImageStore store() {
        return store;
    }

    @Override
    ImageStore storeForLargeWrites() {
        return defaultPartStore;
    }

    @Override
    String locationFor(String imageId) {
        return "s3://" + bucket + "/" + imageId;
    }

    /** No object, and no multipart upload left open (the SDK must have aborted it). */
    @Override
    boolean nothingStoredFor(String imageId) {
        return !store.exists(locationFor(imageId)) && S3TestEndpoint.pendingMultipartUploads(bucket, imageId) == 0;
    }

    @Test
    void bucketIsCreatedOnFirstWrite() throws Exception {
        String freshBucket = S3TestEndpoint.freshBucketName();
        try (MinioClient client = S3TestEndpoint.client();
                S3ImageStore fresh = new S3ImageStore("fresh", S3TestEndpoint.settings(freshBucket, SMALL_PARTS))) {
            assertThat(client.bucketExists(
                            BucketExistsArgs.builder().bucket(freshBucket).build()))
                    .isFalse();

            StoredObject stored = fresh.write(
                    newImageId(), new ByteArrayInputStream(new byte[7]), 7, DigestSpec.glanceDefault(), NO_CAP);

            assertThat(client.bucketExists(
                            BucketExistsArgs.builder().bucket(freshBucket).build()))
                    .isTrue();
            assertThat(stored.location()).startsWith("s3://" + freshBucket + "/");
        } finally {
            S3TestEndpoint.removeBucket(freshBucket);
        }
    }

    /** 40 MiB with 16 MiB parts is a three-part upload (16 + 16 + 8). */
    @Test
    void largeObjectIsUploadedInPartsAndReadsBackWhole() throws Exception {
        long size = 40 * MIB;
        String imageId = newImageId();

        StoredObject stored = defaultPartStore.write(
                imageId, new GeneratedInputStream(size, 40), UNKNOWN_SIZE, DigestSpec.glanceDefault(), NO_CAP);

        assertThat(stored.size()).isEqualTo(size);
        assertThat(stored.md5Hex()).isEqualTo(hex("MD5", new GeneratedInputStream(size, 40)));
        assertThat(stored.hashHex()).isEqualTo(hex("SHA-512", new GeneratedInputStream(size, 40)));
        assertThat(hex("MD5", defaultPartStore.read(stored.location(), Optional.empty())))
                .isEqualTo(stored.md5Hex());
        // A multipart object's ETag ends in -<part count>.
        assertThat(etagOf(imageId)).endsWith("-3");
    }

    /** Exactly one part of data: a one-part upload (the next read finds the end), not a single PUT. */
    @Test
    void dataOfExactlyOnePartIsAOnePartUpload() throws Exception {
        int size = (int) SMALL_PARTS;
        byte[] data = GeneratedInputStream.bytes(size, 5);
        String imageId = newImageId();

        StoredObject stored =
                store.write(imageId, new ByteArrayInputStream(data), size, DigestSpec.glanceDefault(), NO_CAP);

        assertThat(readAll(store.read(stored.location(), Optional.empty()))).isEqualTo(data);
        assertThat(etagOf(imageId)).endsWith("-1");
    }

    private static String etagOf(String imageId) throws Exception {
        try (MinioClient client = S3TestEndpoint.client()) {
            return client.statObject(StatObjectArgs.builder()
                            .bucket(bucket)
                            .object(imageId)
                            .build())
                    .etag();
        }
    }

    /**
     * The checksum each part carries is S3's: the big-endian CRC-32C in base64 (0xC99465AA for "hello world"). A
     * wrong one is refused by the server (S3Proxy answers BadDigest), so every write above proves it right too.
     */
    @Test
    void partChecksumIsTheBase64OfTheBigEndianCrc32c() {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update("hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(S3ObjectWriter.crc32c(crc.getValue())).isEqualTo("yZRlqg==");
    }

    /** From a file store (staged data) the copy is one PUT of the file: a plain ETag, no "-<part count>". */
    @Test
    void copyFromAFileStoreIsOnePutOfTheFile() throws Exception {
        byte[] data = GeneratedInputStream.bytes((int) (12 * MIB) + 3, 21);
        FileImageStore source = new FileImageStore("staging", copySources);
        String sourceLocation = source.copy(newImageId(), new ByteArrayInputStream(data), data.length, ByteSink.NONE);
        String imageId = newImageId();
        AtomicLong progress = new AtomicLong();

        String location = store.copyFrom(source, sourceLocation, imageId, data.length, progress::addAndGet);

        assertThat(readAll(store.read(location, Optional.empty()))).isEqualTo(data);
        assertThat(progress).hasValue(data.length);
        assertThat(etagOf(imageId)).doesNotContain("-");
    }

    /** Glance allows an image of no bytes: its copy from staging is an empty object. */
    @Test
    void copyFromAnEmptyFileIsAnEmptyObject() {
        FileImageStore source = new FileImageStore("staging", copySources);
        String sourceLocation = source.copy(newImageId(), new ByteArrayInputStream(new byte[0]), 0, ByteSink.NONE);
        String imageId = newImageId();

        String location = store.copyFrom(source, sourceLocation, imageId, 0, bytes -> {});

        assertThat(readAll(store.read(location, Optional.empty()))).isEmpty();
    }

    /** What the progress callback throws (an import told to stop) ends the upload, and nothing is stored. */
    @Test
    void copyFromAFileStoreStopsWhenProgressThrowsAndLeavesNothing() {
        long size = 64 * MIB;
        FileImageStore source = new FileImageStore("staging", copySources);
        String sourceLocation = source.copy(newImageId(), new GeneratedInputStream(size, 22), size, ByteSink.NONE);
        String imageId = newImageId();
        IllegalStateException stop = new IllegalStateException("import stopped");

        assertThatThrownBy(() -> store.copyFrom(source, sourceLocation, imageId, size, bytes -> {
                    throw stop;
                }))
                .isSameAs(stop);
        assertThat(nothingStoredFor(imageId)).isTrue();
    }

    @Test
    void copyFromAFileOfAnotherSizeIsRefusedAndLeavesNothing() {
        byte[] data = GeneratedInputStream.bytes(1000, 23);
        FileImageStore source = new FileImageStore("staging", copySources);
        String sourceLocation = source.copy(newImageId(), new ByteArrayInputStream(data), data.length, ByteSink.NONE);
        String imageId = newImageId();

        assertThatThrownBy(() -> store.copyFrom(source, sourceLocation, imageId, data.length + 1, bytes -> {}))
                .isInstanceOf(SizeMismatchException.class);
        assertThat(nothingStoredFor(imageId)).isTrue();
    }

    /** The checksum declared with a file is the server's to check: a wrong one is refused. */
    @Test
    void aFilePutWithAWrongChecksumIsRefused() throws Exception {
        Path file = Files.writeString(copySources.resolve("hello"), "hello world");
        S3Location location = new S3Location(bucket, newImageId());
        try (MinioAsyncClient client = MinioAsyncClient.builder()
                .endpoint(S3TestEndpoint.ENDPOINT.toString())
                .credentials(S3TestEndpoint.ACCESS_KEY, S3TestEndpoint.SECRET_KEY)
                .build()) {
            S3ObjectWriter writer = new S3ObjectWriter(new S3Calls("checked"), client, SMALL_PARTS);

            assertThat(writer.crc32c(file, 11)).isEqualTo("yZRlqg==");
            assertThatThrownBy(() -> writer.putFile(location, file, 11, "AAAAAA==", bytes -> {}))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThat(store.exists(location.toString())).isFalse();
            writer.putFile(location, file, 11, "yZRlqg==", bytes -> {});
            assertThat(readAll(store.read(location.toString(), Optional.empty())))
                    .isEqualTo("hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    @Test
    void rangeAcrossAPartBoundaryReadsTheRightBytes() {
        int size = (int) (12 * MIB);
        byte[] data = GeneratedInputStream.bytes(size, 12);
        String location = store.write(
                        newImageId(), new ByteArrayInputStream(data), size, DigestSpec.glanceDefault(), NO_CAP)
                .location();
        int boundary = (int) SMALL_PARTS;

        byte[] read = readAll(store.read(location, Optional.of(ByteRange.between(boundary - 100, boundary + 99))));

        assertThat(read).isEqualTo(Arrays.copyOfRange(data, boundary - 100, boundary + 100));
    }

    @Test
    void locationIsTheS3UrlOfBucketAndImageId() {
        String imageId = newImageId();

        StoredObject stored =
                store.write(imageId, new ByteArrayInputStream(new byte[1]), 1, DigestSpec.glanceDefault(), NO_CAP);

        assertThat(stored.location()).isEqualTo("s3://" + bucket + "/" + imageId);
    }

    @Test
    void unreachableEndpointIsAStoreFailure() {
        S3StoreSettings nowhere = new S3StoreSettings(
                URI.create("http://127.0.0.1:1"), "k", "s", "nowhere-bucket", "us-east-1", SMALL_PARTS);
        try (S3ImageStore unreachable = new S3ImageStore("nowhere", nowhere)) {
            assertThatThrownBy(() -> unreachable.write(
                            newImageId(), new ByteArrayInputStream(new byte[1]), 1, DigestSpec.glanceDefault(), NO_CAP))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("nowhere");
            assertThatThrownBy(() -> unreachable.exists("s3://nowhere-bucket/" + newImageId()))
                    .isInstanceOf(StoreUnavailableException.class);
        }
    }
}
