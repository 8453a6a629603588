package io.glimpse.catalog.domain;

import java.util.Map;
import java.util.Optional;

/**
 * A location as a client gives it (PATCH {@code /locations}, §7.2; {@code POST /v2/images/{id}/locations}, §7.3).
 *
 * @param metadata       the client's metadata (empty for the location API)
 * @param validationData hashes the data must have; write-only, never stored as such
 */
public record NewLocation(String url, Map<String, Object> metadata, Optional<ValidationData> validationData) {

    /**
     * Expected hashes. The PATCH form may carry {@code checksum} (MD5); {@code os_hash_algo} and
     * {@code os_hash_value} always come together.
     */
    public record ValidationData(Optional<String> checksum, String osHashAlgo, String osHashValue) {}
}
