package io.glimpse.contracts.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * Body of {@code POST} {@link InternalApi#IMPORT_END}: the lock-holding task ends. Success: an {@code importing} image
 * with data becomes {@code active}, the lock is released and {@code os_glance_importing_to_stores} emptied. Revert: the locations in {@code removeStores} are dropped, an
 * {@code importing} image goes back to {@code queued} with no size or digests (a copied image stays {@code active} with
 * the data it had), and the lock is released; the stores in {@code failedStores} join {@code os_glance_failed_import}
 * (an import that failed before any store was written fails every target, as Glance's download revert does). Answers 200 with an {@link ImportEnded} naming the locations dropped
 * (catalog deletes their data); 409 for a stale attempt; 404 when the image is gone. Ending twice changes nothing.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImportEnd(
        ActingUser user,
        long fence,
        boolean revert,
        List<String> removeStores,
        String reason,
        List<String> failedStores) {

    public ImportEnd {
        failedStores = failedStores == null ? List.of() : List.copyOf(failedStores);
    }
}
