package io.glimpse.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A metadef object: a named group of property schemas inside a namespace. */
@Entity
@Table(name = "metadef_objects")
public class MetadefObject extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "namespace_id", nullable = false)
    public Long namespaceId;

    @Column(nullable = false)
    public String name;

    public String description;

    /** The {@code required} list as JSON text, or null. */
    @Column(name = "required_json")
    public String requiredJson;

    /** The {@code properties} map as JSON text (key order kept), or null. */
    @Column(name = "properties_json")
    public String propertiesJson;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
