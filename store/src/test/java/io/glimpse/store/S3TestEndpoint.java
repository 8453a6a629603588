package io.glimpse.store;

import io.minio.ListMultipartUploadsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;

import java.net.URI;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real S3 endpoint the S3 tests run against. Defaults match the local suite (S3Proxy on
 * 127.0.0.1:9000); override with {@code -Dglimpse.test.s3.endpoint=...}, {@code .access-key},
 * {@code .secret-key}, {@code .region}. There is deliberately no skip: without S3 these tests fail.
 */
final class S3TestEndpoint {

    static final URI ENDPOINT = URI.create(System.getProperty("glimpse.test.s3.endpoint", "http://127.0.0.1:9000"));
    static final String ACCESS_KEY = System.getProperty("glimpse.test.s3.access-key", "glimpse");
    static final String SECRET_KEY = System.getProperty("glimpse.test.s3.secret-key", "glimpse-local-secret");
    static final String REGION = System.getProperty("glimpse.test.s3.region", "us-east-1");

    private S3TestEndpoint() {}

    /** A bucket name no earlier run used, so the store's bucket creation is exercised. */
    static String freshBucketName() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return "glimpse-store-test-" + HexFormat.of().formatHex(random);
    }

    static S3StoreSettings settings(String bucket, long partSize) {
        return new S3StoreSettings(ENDPOINT, ACCESS_KEY, SECRET_KEY, bucket, REGION, partSize);
    }

    static MinioClient client() {
        return MinioClient.builder()
                .endpoint(ENDPOINT.toString())
                .region(REGION)
                .credentials(ACCESS_KEY, SECRET_KEY)
                .build();
    }

    /** Fails with a clear message when the endpoint is not there. */
    static void requireReachable() {
        try (MinioClient client = client()) {
            client.listBuckets();
        } catch (Exception e) {
            throw new AssertionError(
                    "No S3 endpoint at " + ENDPOINT + " (access key " + ACCESS_KEY
                            + "). Start one, e.g. S3Proxy (see infrastructure.md), or point"
                            + " -Dglimpse.test.s3.endpoint at one. Cause: " + e,
                    e);
        }
    }

    /** Number of unfinished multipart uploads for {@code key} in {@code bucket}. */
    static int pendingMultipartUploads(String bucket, String key) {
        try (MinioAsyncClient client = MinioAsyncClient.builder()
                .endpoint(ENDPOINT.toString())
                .region(REGION)
                .credentials(ACCESS_KEY, SECRET_KEY)
                .build()) {
            return client.listMultipartUploads(ListMultipartUploadsArgs.builder()
                            .bucket(bucket)
                            .prefix(key)
                            .build())
                    .join()
                    .result()
                    .uploads()
                    .size();
        } catch (Exception e) {
            throw new AssertionError("ListMultipartUploads failed: " + e, e);
        }
    }

    /** Best-effort removal of a test bucket and whatever the tests left in it. */
    static void removeBucket(String bucket) {
        try (MinioClient client = client()) {
            for (Result<Item> item : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
                client.removeObject(RemoveObjectArgs.builder()
                        .bucket(bucket)
                        .object(item.get().objectName())
                        .build());
            }
            client.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            System.err.println("[cleanup] could not remove test bucket " + bucket + ": " + e);
        }
    }
}
