package io.glimpse.catalog.service;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.repository.UploadLeaseRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's leases on the uploads it streams. The instance id is new at every start, so a lease taken before
 * a crash is never renewed by the restarted process: it expires, and {@link UploadRecovery} cleans up after it.
 */
@ApplicationScoped
public class UploadLeases {
    private final UploadLeaseRepository leases;
    private final Duration lease;
    private final String instance = CatalogItself.hostName() + "/" + UUID.randomUUID();
    /** Uploads streaming on this instance now: only their leases are renewed. */
    private final Set<String> streaming = ConcurrentHashMap.newKeySet();

    public UploadLeases(UploadLeaseRepository leases, CatalogConfig config) {
        this.leases = leases;
        this.lease = config.upload().lease();
    }

    /** In the transaction that moves the image to {@code saving}. */
    Uni<Void> take(String imageId) {
        return leases.take(imageId, instance, lease);
    }

    /** From the moment the image is {@code saving} until the upload settled, its lease is renewed. */
    void streamStarted(String imageId) {
        streaming.add(imageId);
    }

    /** The upload settled, whatever the outcome (its lease went with the transaction that settled it). */
    void streamEnded(String imageId) {
        streaming.remove(imageId);
    }

    /** In the transaction that settles the upload (active, or back to queued). */
    Uni<Void> release(String imageId) {
        return leases.release(imageId);
    }

    Uni<Integer> renewStreaming() {
        return leases.renew(instance, Set.copyOf(streaming), lease);
    }

    Uni<Boolean> claimExpired(String imageId) {
        return leases.claimExpired(imageId, instance, lease);
    }
}
