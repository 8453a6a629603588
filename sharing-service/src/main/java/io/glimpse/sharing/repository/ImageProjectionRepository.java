package io.glimpse.sharing.repository;

import io.glimpse.contracts.event.ImageSnapshot;
import io.glimpse.sharing.domain.ImageNotFoundException;
import io.glimpse.sharing.domain.ImageProjection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Optional;

/** The image projection; writes are ordered by the catalog's per-image sequence. */
@ApplicationScoped
public class ImageProjectionRepository implements PanacheRepositoryBase<ImageProjection, String> {

    /**
     * Inserts or updates the image's row unless the stored row already reflects a later event, so
     * replays and out-of-order deliveries leave the newest state in place. The member sequence is
     * sharing's own and is never touched here.
     *
     * @param sequence the catalog's sequence of the event (or lookup) that reported {@code image}
     * @return true when the row changed
     */
    public Uni<Boolean> applyIfNewer(long sequence, ImageSnapshot image) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        insert into image_projection (image_id, owner, visibility, status, sequence, updated_at)
                        values (:id, :owner, :visibility, :status, :sequence, now())
                        on conflict (image_id) do update
                           set owner = excluded.owner, visibility = excluded.visibility, status = excluded.status,
                               sequence = excluded.sequence, updated_at = now()
                         where image_projection.sequence < excluded.sequence
                        """)
                        .setParameter("id", image.id())
                        .setParameter("owner", image.owner())
                        .setParameter("visibility", image.visibility().wire())
                        .setParameter("status", image.status().wire())
                        .setParameter("sequence", sequence)
                        .executeUpdate())
                .map(changed -> changed == 1);
    }

    public Uni<Optional<ImageProjection>> find(String imageId) {
        return findById(imageId).map(Optional::ofNullable);
    }

    /** @throws ImageNotFoundException (as a failed Uni) when there is no row or the image is gone */
    public Uni<ImageProjection> findLive(String imageId) {
        return live(imageId, findById(imageId));
    }

    /**
     * Like {@link #findLive}, with the row locked until the transaction ends: member changes of one
     * image (and the projection updates that may hide it) then happen one after another, in
     * member-sequence order.
     */
    public Uni<ImageProjection> lockLive(String imageId) {
        return live(imageId, findById(imageId, LockModeType.PESSIMISTIC_WRITE));
    }

    private static Uni<ImageProjection> live(String imageId, Uni<ImageProjection> row) {
        return row.onItem()
                .ifNull()
                .failWith(() -> new ImageNotFoundException(imageId))
                .invoke(image -> {
                    if (image.isGone()) {
                        throw new ImageNotFoundException(imageId);
                    }
                });
    }
}
