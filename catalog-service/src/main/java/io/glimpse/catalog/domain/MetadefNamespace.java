package io.glimpse.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A metadata definitions namespace (§13.3): the unit of visibility, ownership and protection. */
@Entity
@Table(name = "metadef_namespaces")
public class MetadefNamespace extends PanacheEntityBase {
    public static final String PUBLIC = "public";
    public static final String PRIVATE = "private";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String namespace;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    /** {@code public} or {@code private}. */
    @Column(nullable = false)
    public String visibility;

    @Column(name = "protected", nullable = false)
    public boolean isProtected;

    @Column(nullable = false)
    public String owner;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public boolean isPublic() {
        return PUBLIC.equals(visibility);
    }
}
