package io.glimpse.catalog.repository;

import io.glimpse.contracts.event.MemberEventData;
import io.glimpse.contracts.model.MemberStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** The membership projection (image_memberships); writes are ordered by sharing's per-image sequence. */
@ApplicationScoped
public class MembershipRepository {

    /**
     * Inserts or updates the membership unless the stored row reflects a later change; a delete keeps
     * the row as a tombstone at its sequence. Applying the same data twice changes nothing.
     *
     * @return true when the row changed
     */
    public Uni<Boolean> applyIfNewer(MemberEventData data) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        insert into image_memberships (image_id, member_id, status, deleted, sequence, updated_at)
                        values (:image, :member, :status, :deleted, :sequence, now())
                        on conflict (image_id, member_id) do update
                           set status = excluded.status, deleted = excluded.deleted, sequence = excluded.sequence,
                               updated_at = now()
                         where image_memberships.sequence < excluded.sequence
                        """)
                        .setParameter("image", data.member().imageId())
                        .setParameter("member", data.member().memberId())
                        .setParameter("status", data.member().status().wire())
                        .setParameter("deleted", data.deleted())
                        .setParameter("sequence", data.sequence())
                        .executeUpdate())
                .map(changed -> changed == 1);
    }

    /** The live membership of {@code projectId} in the image, if any. */
    @SuppressWarnings("unchecked")
    public Uni<Optional<MemberStatus>> statusOf(String imageId, String projectId) {
        if (projectId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        select status from image_memberships
                         where image_id = :image and member_id = :member and not deleted
                        """, String.class)
                        .setParameter("image", imageId)
                        .setParameter("member", projectId)
                        .getResultList())
                .map(rows -> ((List<String>) rows).stream().findFirst().map(MemberStatus::fromWire));
    }
}
