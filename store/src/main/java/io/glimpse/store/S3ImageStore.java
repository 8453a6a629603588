package io.glimpse.store;

import io.minio.AbortMultipartUploadArgs;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListMultipartUploadsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.minio.messages.ListMultipartUploadsResult;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Keeps each image as one object, keyed by image id, in one bucket of an S3 endpoint, through
 * the MinIO Java SDK. Locations are {@code s3://<bucket>/<image id>}.
 *
 * <p>Writes go through {@link S3ObjectWriter}: parts of a fixed size, two of them in memory at a time (bounded
 * memory whatever the image size), the stream read to its end, so our own size checks see every byte. An object
 * becomes visible only when the multipart upload completes; on failure the writer aborts the upload and this store
 * removes anything that still got written. A copy from a file store is one {@code PUT} of the file instead
 * ({@link #copyFrom}).
 *
 * <p>SDK 9 reports S3 error responses as {@link MinioException} but network failures (connection
 * refused, reset) as {@link IllegalStateException}; both become {@link
 * StoreUnavailableException} here.
 */
public final class S3ImageStore implements ImageStore {

    private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchBucket");
    private static final Set<String> BUCKET_ALREADY_MINE = Set.of("BucketAlreadyOwnedByYou");

    /** The largest object S3 takes in one {@code PUT}. */
    static final long SINGLE_PUT_LIMIT = 5L * 1024 * 1024 * 1024;

    private final String id;
    private final String bucket;
    private final MinioClient client;
    /** Multipart uploads and their housekeeping (listing and aborting unfinished ones) exist only on the async client. */
    private final MinioAsyncClient multipart;

    private final S3Calls calls;
    private final S3ObjectWriter writer;

    private volatile boolean bucketReady;

    public S3ImageStore(String id, S3StoreSettings settings) {
        this.id = Objects.requireNonNull(id, "id");
        this.bucket = settings.bucket();
        // Building the client opens no connection: an unreachable endpoint shows on first use.
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint().toString())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .build();
        this.multipart = MinioAsyncClient.builder()
                .endpoint(settings.endpoint().toString())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .build();
        this.calls = new S3Calls(id);
        this.writer = new S3ObjectWriter(calls, multipart, settings.partSize());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public StoreKind kind() {
        return StoreKind.S3;
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public StoredObject write(
            String imageId, InputStream data, long expectedSize, DigestSpec digests, long sizeCap, ByteSink observer) {
        WriteArguments.check(imageId, data, expectedSize, digests, sizeCap, observer);
        ensureBucket();
        S3Location location = new S3Location(bucket, imageId);
        if (objectExists(location)) {
            throw new ImageDataExistsException(location.toString());
        }
        DigestCalculator calculator = new DigestCalculator(digests);
        IngestInputStream ingest = new IngestInputStream(data, expectedSize, sizeCap, calculator::update, observer);
        boolean stored = false;
        try (calculator) {
            upload(location, ingest);
            if (!ingest.reachedEnd()) {
                throw new IllegalStateException("S3 upload finished before the end of the data");
            }
            DigestCalculator.Digests result = calculator.finish();
            stored = true;
            return StoredObject.of(id, location.toString(), ingest.bytesRead(), result);
        } finally {
            if (!stored) {
                removeQuietly(location);
            }
        }
    }

    @Override
    public String copy(String imageId, InputStream data, long size, ByteSink observer) {
        WriteArguments.check(imageId, data, size, DigestSpec.glanceDefault(), size, observer);
        ensureBucket();
        S3Location location = new S3Location(bucket, imageId);
        if (objectExists(location)) {
            throw new ImageDataExistsException(location.toString());
        }
        IngestInputStream ingest = new IngestInputStream(data, size, Long.MAX_VALUE, ByteSink.NONE, observer);
        boolean stored = false;
        try {
            upload(location, ingest);
            if (!ingest.reachedEnd() || ingest.bytesRead() != size) {
                throw new SizeMismatchException(size, ingest.bytesRead());
            }
            stored = true;
            return location.toString();
        } finally {
            if (!stored) {
                removeQuietly(location);
            }
        }
    }

    /**
     * From a file store (staged data), an object of at most {@link #SINGLE_PUT_LIMIT} bytes is sent in one {@code PUT}
     * streamed from its file ({@link S3ObjectWriter#putFile}); anything else streams through {@link #copy} as a
     * multipart upload.
     */
    @Override
    public String copyFrom(ImageStore source, String sourceLocation, String imageId, long size, LongConsumer progress) {
        if (!(source instanceof FileImageStore files) || size > SINGLE_PUT_LIMIT) {
            return ImageStore.super.copyFrom(source, sourceLocation, imageId, size, progress);
        }
        Path from = files.pathOf(sourceLocation);
        long actual = files.size(sourceLocation);
        if (actual != size) {
            throw new SizeMismatchException(size, actual);
        }
        ensureBucket();
        S3Location location = new S3Location(bucket, ImageIds.requireSafe(imageId));
        if (objectExists(location)) {
            throw new ImageDataExistsException(location.toString());
        }
        boolean stored = false;
        try {
            writer.putFile(location, from, size, writer.crc32c(from, size), progress);
            stored = true;
            return location.toString();
        } finally {
            if (!stored) {
                removeQuietly(location);
            }
        }
    }

    private void upload(S3Location location, IngestInputStream ingest) {
        try {
            writer.write(location, ingest);
        } catch (RuntimeException e) {
            // What our stream threw may arrive wrapped (a checked IOException): the stream itself knows the real
            // cause.
            RuntimeException cause =
                    ingest.failure().orElseGet(() -> new StoreUnavailableException(id, "write " + location, e));
            if (cause != e) {
                cause.addSuppressed(e);
            }
            throw cause;
        }
    }

    /** Creates the bucket on first use (not at construction, so a service starts without S3). */
    private void ensureBucket() {
        if (bucketReady) {
            return;
        }
        synchronized (this) {
            if (bucketReady) {
                return;
            }
            try {
                if (!client.bucketExists(
                        BucketExistsArgs.builder().bucket(bucket).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                }
            } catch (ErrorResponseException e) {
                // Lost a race with another writer creating the same bucket: fine.
                if (!BUCKET_ALREADY_MINE.contains(e.errorResponse().code())) {
                    throw new StoreUnavailableException(id, "create bucket " + bucket, e);
                }
            } catch (MinioException | IllegalStateException e) {
                throw new StoreUnavailableException(id, "create bucket " + bucket, e);
            }
            bucketReady = true;
        }
    }

    private void removeQuietly(S3Location location) {
        try {
            client.removeObject(RemoveObjectArgs.builder()
                    .bucket(location.bucket())
                    .object(location.key())
                    .build());
        } catch (MinioException | RuntimeException e) {
            // Cleanup after a failure must not hide the failure; S3 never published a failed upload.
        }
    }

    @Override
    public InputStream read(String location, Optional<ByteRange> range) {
        S3Location object = objectAt(location);
        GetObjectArgs.Builder request =
                GetObjectArgs.builder().bucket(object.bucket()).object(object.key());
        range.ifPresent(wanted -> {
            request.offset(wanted.firstByte());
            wanted.length().ifPresent(request::length);
        });
        try {
            return client.getObject(request.build());
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if (NOT_FOUND_CODES.contains(code)) {
                throw new ImageDataNotFoundException(location);
            }
            if ("InvalidRange".equals(code) && range.isPresent()) {
                throw new RangeNotSatisfiableException(range.get(), location);
            }
            throw new StoreUnavailableException(id, "read " + location, e);
        } catch (MinioException | IllegalStateException e) {
            throw new StoreUnavailableException(id, "read " + location, e);
        }
    }

    @Override
    public String locationOf(String imageId) {
        return new S3Location(bucket, ImageIds.requireSafe(imageId)).toString();
    }

    @Override
    public void delete(String location) {
        S3Location object = objectAt(location);
        try {
            // S3 DELETE is idempotent already; a missing bucket means nothing to delete either.
            client.removeObject(RemoveObjectArgs.builder()
                    .bucket(object.bucket())
                    .object(object.key())
                    .build());
        } catch (ErrorResponseException e) {
            if (!NOT_FOUND_CODES.contains(e.errorResponse().code())) {
                throw new StoreUnavailableException(id, "delete " + location, e);
            }
        } catch (MinioException | IllegalStateException e) {
            throw new StoreUnavailableException(id, "delete " + location, e);
        }
    }

    @Override
    public boolean exists(String location) {
        return objectExists(objectAt(location));
    }

    private boolean objectExists(S3Location object) {
        return stat(object).isPresent();
    }

    @Override
    public long size(String location) {
        return stat(objectAt(location)).orElseThrow(() -> new ImageDataNotFoundException(location));
    }

    /** Object size, or empty when there is no such object. */
    private OptionalLong stat(S3Location object) {
        try {
            return OptionalLong.of(client.statObject(StatObjectArgs.builder()
                            .bucket(object.bucket())
                            .object(object.key())
                            .build())
                    .size());
        } catch (ErrorResponseException e) {
            if (NOT_FOUND_CODES.contains(e.errorResponse().code())) {

                return OptionalLong.empty();
            }
            throw new StoreUnavailableException(id, "stat " + object, e);
        } catch (MinioException | IllegalStateException e) {
            throw new StoreUnavailableException(id, "stat " + object, e);
        }
    }

    @Override
    public void forEachObject(Consumer<StoredEntry> consumer) {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                return;
            }
            // The SDK pages through the listing lazily (1,000 keys a request).
            for (Result<Item> result : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
                Item item = result.get();
                if (!item.isDir() && ImageIds.isSafe(item.objectName())) {
                    consumer.accept(new StoredEntry(
                            new S3Location(bucket, item.objectName()).toString(),
                            item.lastModified().toInstant()));
                }
            }
        } catch (MinioException | IllegalStateException e) {
            throw new StoreUnavailableException(id, "list bucket " + bucket, e);
        }
    }

    /** Incomplete multipart uploads: what a writer that crashed mid-upload left (S3 never shows them as objects). */
    @Override
    public void forEachPartialWrite(Consumer<PartialWrite> consumer) {
        forEachUnfinishedUpload(null, upload -> {
            if (ImageIds.isSafe(upload.objectName())) {
                consumer.accept(
                        new PartialWrite(upload.objectName(), upload.initiated().toInstant()));
            }
        });
    }

    @Override
    public void deletePartialWrites(String imageId) {
        if (!ImageIds.isSafe(imageId)) {
            return;
        }
        forEachUnfinishedUpload(imageId, upload -> {
            if (upload.objectName().equals(imageId)) {
                calls.call(
                        "abort an upload of " + imageId,
                        () -> multipart.abortMultipartUpload(AbortMultipartUploadArgs.builder()
                                .bucket(bucket)
                                .object(imageId)
                                .uploadId(upload.uploadId())
                                .build()));
            }
        });
    }

    private void forEachUnfinishedUpload(String prefix, Consumer<ListMultipartUploadsResult.Upload> consumer) {
        if (!bucketExists()) {
            return;
        }
        String keyMarker = null;
        String uploadIdMarker = null;
        ListMultipartUploadsResult page;
        do {
            ListMultipartUploadsArgs.Builder request =
                    ListMultipartUploadsArgs.builder().bucket(bucket).prefix(prefix);
            if (keyMarker != null) {
                request.keyMarker(keyMarker).uploadIdMarker(uploadIdMarker);
            }
            page = calls.call(
                            "list unfinished uploads in " + bucket,
                            () -> multipart.listMultipartUploads(request.build()))
                    .result();
            page.uploads().forEach(consumer);
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        } while (page.isTruncated() && keyMarker != null);
    }

    private boolean bucketExists() {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (MinioException | IllegalStateException e) {
            throw new StoreUnavailableException(id, "find bucket " + bucket, e);
        }
    }

    @Override
    public boolean ownsLocation(String location) {
        return parse(location).isPresent();
    }

    private S3Location objectAt(String location) {
        return parse(location)
                .orElseThrow(() -> new InvalidLocationException(
                        location, "not an object of store '" + id + "' (bucket " + bucket + ")"));
    }

    private Optional<S3Location> parse(String location) {
        Objects.requireNonNull(location, "location");
        return S3Location.parse(location)
                .filter(object -> object.bucket().equals(bucket) && ImageIds.isSafe(object.key()));
    }

    @Override
    public void close() {
        try {
            client.close();
            multipart.close();
        } catch (Exception e) {
            // Only releases the HTTP client's threads and idle connections.
        }
    }
}
