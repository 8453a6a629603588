package io.glimpse.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A resource type namespaces apply to ({@code OS::Glance::Image}, {@code OS::Nova::Flavor}, …). */
@Entity
@Table(name = "metadef_resource_types")
public class MetadefResourceType extends PanacheEntityBase {
    @Id
    public String name;

    @Column(name = "protected", nullable = false)
    public boolean isProtected;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
