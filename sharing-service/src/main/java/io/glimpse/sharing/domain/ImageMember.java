package io.glimpse.sharing.domain;

import io.glimpse.contracts.model.MemberStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * One project's membership of a shared image. Its status starts {@code pending} and moves freely
 * between pending, accepted and rejected; only the member itself changes it (that rule is policy's).
 */
@Entity
@Table(name = "image_member")
public class ImageMember extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "image_id", nullable = false)
    public String imageId;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    @Column(nullable = false)
    public MemberStatus status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static ImageMember pending(String imageId, String memberId) {
        OffsetDateTime now = now();
        ImageMember member = new ImageMember();
        member.imageId = imageId;
        member.memberId = memberId;
        member.status = MemberStatus.PENDING;
        member.createdAt = now;
        member.updatedAt = now;
        return member;
    }

    /** Any status may follow any other (pending ↔ accepted ↔ rejected); every change is stamped. */
    public void changeStatus(MemberStatus newStatus) {
        status = newStatus;
        updatedAt = now();
    }

    // Whole seconds: the wire shows YYYY-MM-DDTHH:MM:SSZ, and events must carry what the API shows.
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }
}
