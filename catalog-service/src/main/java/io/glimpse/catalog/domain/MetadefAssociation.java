package io.glimpse.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A namespace's association with a resource type: the namespace's properties apply to that type, named with
 * {@code prefix} (e.g. {@code hw_}) and aimed at {@code properties_target} where the type has several.
 */
@Entity
@Table(name = "metadef_resource_type_associations")
public class MetadefAssociation extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "namespace_id", nullable = false)
    public Long namespaceId;

    @Column(name = "resource_type", nullable = false)
    public String resourceType;

    public String prefix;

    @Column(name = "properties_target")
    public String propertiesTarget;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
