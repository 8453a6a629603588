package io.glimpse.sharing.repository;

import io.glimpse.contracts.event.ImageEventData;
import io.glimpse.sharing.domain.ImageProjection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The image projection; writes are ordered by the catalog's per-image sequence. */
@ApplicationScoped
public class ImageProjectionRepository implements PanacheRepositoryBase<ImageProjection, String> {

    /**
     * Inserts or updates the image's row unless the stored row already reflects a later event, so
     * replays and out-of-order deliveries leave the newest state in place.
     *
     * @return true when the row changed
     */
    public Uni<Boolean> applyIfNewer(ImageEventData event) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into image_projection (image_id, owner, visibility, status, sequence, updated_at)
                        values (:id, :owner, :visibility, :status, :sequence, now())
                        on conflict (image_id) do update
                           set owner = excluded.owner, visibility = excluded.visibility, status = excluded.status,
                               sequence = excluded.sequence, updated_at = now()
                         where image_projection.sequence < excluded.sequence
                        """)
                .setParameter("id", event.image().id())
                .setParameter("owner", event.image().owner())
                .setParameter("visibility", event.image().visibility().wire())
                .setParameter("status", event.image().status().wire())
                .setParameter("sequence", event.sequence())
                .executeUpdate())
                .map(changed -> changed == 1);
    }
}
