package io.glimpse.catalog.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Leases on uploads in progress (upload_leases). Expiry is computed from the database's clock on both sides, so
 * instances with skewed clocks still agree on who died.
 */
@ApplicationScoped
public class UploadLeaseRepository {

    /** Takes (or takes over) the lease of an image's upload for {@code instance}. */
    public Uni<Void> take(String imageId, String instance, Duration lease) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        insert into upload_leases (image_id, instance, expires_at)
                        values (:image, :instance, now() + make_interval(secs => :seconds))
                        on conflict (image_id) do update
                           set instance = excluded.instance, expires_at = excluded.expires_at
                        """)
                        .setParameter("image", imageId)
                        .setParameter("instance", instance)
                        .setParameter("seconds", (double) lease.toMillis() / 1000)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Extends the leases {@code instance} holds on these images. */
    public Uni<Integer> renew(String instance, Collection<String> imageIds, Duration lease) {
        if (imageIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        update upload_leases set expires_at = now() + make_interval(secs => :seconds)
                         where instance = :instance and image_id in (:images)
                        """)
                        .setParameter("seconds", (double) lease.toMillis() / 1000)
                        .setParameter("instance", instance)
                        .setParameter("images", List.copyOf(imageIds))
                        .executeUpdate());
    }

    /** Images whose upload lease expired: their instance is gone. */
    @SuppressWarnings("unchecked")
    public Uni<List<String>> expired() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select image_id from upload_leases where expires_at < now() order by expires_at",
                                String.class)
                        .getResultList())
                .map(rows -> (List<String>) rows);
    }

    /** Takes over an expired lease; false when it is live again or another instance took it first. */
    public Uni<Boolean> claimExpired(String imageId, String instance, Duration lease) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        update upload_leases set instance = :instance,
                               expires_at = now() + make_interval(secs => :seconds)
                         where image_id = :image and expires_at < now()
                        """)
                        .setParameter("instance", instance)
                        .setParameter("seconds", (double) lease.toMillis() / 1000)
                        .setParameter("image", imageId)
                        .executeUpdate())
                .map(updated -> updated == 1);
    }

    /** Whether an upload of the image is in progress on a live instance. */
    public Uni<Boolean> isLive(String imageId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from upload_leases where image_id = :image and expires_at >= now()",
                                Long.class)
                        .setParameter("image", imageId)
                        .getSingleResult())
                .map(count -> ((Number) count).longValue() > 0);
    }

    public Uni<Void> release(String imageId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("delete from upload_leases where image_id = :image")
                        .setParameter("image", imageId)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
