package io.glimpse.store;

import java.util.Optional;

/**
 * {@code s3://<bucket>/<key>}. Deliberately without endpoint or credentials (unlike glance_store's
 * {@code s3://key:secret@host/...}): locations can be shown to users (OSSN-0065), so which
 * endpoint serves the bucket stays in the store configuration.
 */
record S3Location(String bucket, String key) {

    private static final String SCHEME = "s3://";

    static Optional<S3Location> parse(String location) {
        if (!location.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String rest = location.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new S3Location(rest.substring(0, slash), rest.substring(slash + 1)));
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
