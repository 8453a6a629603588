package io.glimpse.store;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An {@code s3} store: one bucket on any S3 endpoint (MinIO, S3Proxy, AWS).
 *
 * @param endpoint e.g. {@code http://127.0.0.1:9000}
 * @param partSize multipart part size in bytes; one write buffers two parts (S3 allows 5 MiB to 5 GiB; a part is
 *     one Java array here, so at most 1 GiB)
 */
public record S3StoreSettings(
        URI endpoint, String accessKey, String secretKey, String bucket, String region, long partSize)
        implements StoreSettings {

    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    public static final long MAX_PART_SIZE = 1024L * 1024 * 1024;
    public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;
    public static final String DEFAULT_REGION = "us-east-1";

    /** S3 naming rules: 3-63 lowercase letters, digits, dots, hyphens; alphanumeric ends. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3StoreSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new StoreConfigurationException("S3 endpoint must be http(s): " + endpoint);
        }
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            // Checked here so that a bad name fails at startup, not on the first upload.
            throw new StoreConfigurationException("Not a valid S3 bucket name: '" + bucket + "'");
        }
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new StoreConfigurationException("S3 part size must be between 5 MiB and 1 GiB: " + partSize);
        }
    }

    /** Settings with the default region and part size. */
    public static S3StoreSettings of(URI endpoint, String accessKey, String secretKey, String bucket) {
        return new S3StoreSettings(endpoint, accessKey, secretKey, bucket, DEFAULT_REGION, DEFAULT_PART_SIZE);
    }

    @Override
    public StoreKind kind() {
        return StoreKind.S3;
    }

    @Override
    public Map<String, Object> detailProperties() {
        return Map.of(
                "s3_store_host",
                endpoint.toString(),
                "s3_store_bucket",
                bucket,
                "s3_store_large_object_chunk_size",
                partSize / (1024 * 1024));
    }

    /** Never prints the secret key (records print every component by default). */
    @Override
    public String toString() {
        return "S3StoreSettings[endpoint=" + endpoint + ", accessKey=" + accessKey
                + ", secretKey=****, bucket=" + bucket + ", region=" + region
                + ", partSize=" + partSize + "]";
    }
}
