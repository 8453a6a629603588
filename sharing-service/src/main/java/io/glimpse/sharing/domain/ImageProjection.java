package io.glimpse.sharing.domain;

import io.glimpse.contracts.model.ImageStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Sharing's copy of an image's owner, visibility and status, as of the catalog's image event
 * {@link #sequence}, plus the sequence of the member events sharing wrote for the image.
 */
@Entity
@Table(name = "image_projection")
public class ImageProjection extends PanacheEntityBase {
    /** Statuses Glance answers 404 for everywhere (§2.4); their memberships are gone with the image. */
    private static final Set<String> GONE = Set.of(ImageStatus.DELETED.wire(), ImageStatus.PENDING_DELETE.wire());

    @Id
    @Column(name = "image_id")
    public String imageId;

    public String owner;

    @Column(nullable = false)
    public String visibility;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public long sequence;

    @Column(name = "member_sequence", nullable = false)
    public long memberSequence;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public boolean isGone() {
        return GONE.contains(status);
    }

    /** Advances and returns the image's member event sequence; call once per member event written. */
    public long nextMemberSequence() {
        return ++memberSequence;
    }
}
