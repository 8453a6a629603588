package io.glimpse.signature.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A certificate secret: the stored payload, Barbican's informational metadata and the parsed facts. */
@Entity
@Table(name = "certificates")
public class Certificate extends PanacheEntityBase {
    @Id
    public UUID id;

    /** The project that stored it; only that project (and admins) can see it. */
    @Column(nullable = false)
    public String owner;

    @Column(name = "creator_id", nullable = false)
    public String creatorId;

    public String name;

    @Column(nullable = false)
    public byte[] payload;

    @Column(name = "payload_content_type", nullable = false)
    public String payloadContentType;

    public String algorithm;

    @Column(name = "bit_length")
    public Integer bitLength;

    public String mode;

    /** After this instant the secret is no longer available (Barbican's expiration); null: never. */
    public OffsetDateTime expiration;

    @Column(nullable = false)
    public String subject;

    @Column(name = "key_algorithm", nullable = false)
    public String keyAlgorithm;

    @Column(name = "not_before", nullable = false)
    public OffsetDateTime notBefore;

    @Column(name = "not_after", nullable = false)
    public OffsetDateTime notAfter;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
