package io.glimpse.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A metadef property: a JSON-schema fragment (title, type, enum, …) under a name in a namespace. */
@Entity
@Table(name = "metadef_properties")
public class MetadefProperty extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "namespace_id", nullable = false)
    public Long namespaceId;

    @Column(nullable = false)
    public String name;

    /** The schema without its name, as JSON text (key order kept). */
    @Column(name = "schema_json", nullable = false)
    public String schemaJson;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
