package io.glimpse.sharing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** Sharing's copy of an image's owner, visibility and status, as of event {@link #sequence}. */
@Entity
@Table(name = "image_projection")
public class ImageProjection extends PanacheEntityBase {
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

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
