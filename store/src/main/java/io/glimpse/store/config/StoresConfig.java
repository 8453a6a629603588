package io.glimpse.store.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** The image data stores (Glance's enabled_backends and their sections), built once into a StoreRegistry. */
@ConfigMapping(prefix = "glimpse.store")
public interface StoresConfig {

    /** Id of the store an upload goes to when it names none in {@code X-Image-Meta-Store} (default_backend). */
    String defaultStore();

    /** The stores by id (the id clients see in {@code stores} and {@code /v2/info/stores}). */
    Map<String, Backend> backends();

    interface Backend {
        /** {@code file} or {@code s3}. */
        String type();

        /** Shown in {@code GET /v2/info/stores}. */
        Optional<String> description();

        /** Location preference on download: higher is tried first (Glance's weight, default 0). */
        @WithDefault("0")
        int weight();

        /** {@code file} stores: the directory holding one file per image (created when missing). */
        Optional<String> directory();

        /** {@code s3} stores: the endpoint, e.g. {@code http://127.0.0.1:9000}. */
        Optional<URI> endpoint();

        /** {@code s3} stores: the access key. */
        Optional<String> accessKey();

        /** {@code s3} stores: the secret key (never logged). */
        Optional<String> secretKey();

        /** {@code s3} stores: the bucket (must exist). */
        Optional<String> bucket();

        /** {@code s3} stores: the region the client signs for. */
        @WithDefault("us-east-1")
        String region();

        /** {@code s3} stores: multipart part size in MiB (5..1024); one write buffers two parts. */
        @WithDefault("16")
        int partSizeMib();
    }
}
