package io.glimpse.signature.domain;

import io.glimpse.contracts.model.VerificationOutcome;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One signature verification and how it ended. */
@Entity
@Table(name = "verifications")
public class Verification extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "image_id", nullable = false)
    public String imageId;

    @Column(name = "certificate_uuid", nullable = false)
    public String certificateUuid;

    @Column(name = "hash_method", nullable = false)
    public String hashMethod;

    @Column(name = "key_type", nullable = false)
    public String keyType;

    @Column(nullable = false)
    public boolean verified;

    @Column(nullable = false)
    public VerificationOutcome outcome;

    @Column(nullable = false)
    public String reason;

    @Column(name = "project_id", nullable = false)
    public String projectId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "request_id", nullable = false)
    public String requestId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
