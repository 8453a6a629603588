package io.glimpse.catalog.repository;

import io.glimpse.catalog.domain.MetadefAssociation;
import io.glimpse.catalog.domain.MetadefContents;
import io.glimpse.catalog.domain.MetadefNamespace;
import io.glimpse.catalog.domain.MetadefObject;
import io.glimpse.catalog.domain.MetadefProperty;
import io.glimpse.catalog.domain.MetadefQuery;
import io.glimpse.catalog.domain.MetadefResourceType;
import io.glimpse.catalog.domain.MetadefTag;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Metadata definition rows. Everything in a namespace is found by the namespace's id. */
@ApplicationScoped
public class MetadefRepository {
    public Uni<Optional<MetadefNamespace>> namespace(String name) {
        return MetadefNamespace.<MetadefNamespace>find("namespace", name)
                .firstResult()
                .map(Optional::ofNullable);
    }

    /**
     * A page of the namespaces the caller may see: all for an admin, otherwise the public ones and its project's.
     *
     * @param marker the namespace the previous page ended with
     */
    public Uni<List<MetadefNamespace>> namespaces(
            MetadefQuery query, String projectId, boolean admin, Optional<MetadefNamespace> marker) {
        if (query.limit() == 0) {
            return Uni.createFrom().item(List.of());
        }
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (!admin) {
            where.add("(n.visibility = 'public' or n.owner = :project)");
            parameters.and("project", projectId);
        }
        query.visibility().ifPresent(visibility -> {
            where.add("n.visibility = :visibility");
            parameters.and("visibility", visibility);
        });
        if (!query.resourceTypes().isEmpty()) {
            where.add("exists (select 1 from MetadefAssociation a where a.namespaceId = n.id"
                    + " and a.resourceType in :types)");
            parameters.and("types", query.resourceTypes());
        }
        String field = MetadefQuery.NAMESPACE_SORT_KEYS.get(query.sortKey());
        marker.ifPresent(after -> {
            where.add(keyset(field, query.ascending()));
            parameters.and("markerValue", sortValue(field, after)).and("markerId", after.id);
        });
        String direction = query.ascending() ? " asc" : " desc";
        String hql = "from MetadefNamespace n" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by n." + field + direction + ", n.id" + direction;
        return MetadefNamespace.<MetadefNamespace>find(hql, parameters)
                .range(0, query.limit() - 1)
                .list();
    }

    public Uni<List<MetadefAssociation>> associations(Collection<Long> namespaceIds) {
        if (namespaceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return MetadefAssociation.list("namespaceId in ?1 order by createdAt, id", List.copyOf(namespaceIds));
    }

    public Uni<MetadefContents> contents(MetadefNamespace namespace) {
        return associations(List.of(namespace.id))
                .chain(associations -> properties(namespace.id)
                        .chain(properties -> objects(namespace.id)
                                .chain(objects -> MetadefTag.<MetadefTag>list(
                                                "namespaceId = ?1 order by createdAt, id", namespace.id)
                                        .map(tags -> new MetadefContents(
                                                namespace, associations, properties, objects, tags)))));
    }

    public Uni<List<MetadefObject>> objects(long namespaceId) {
        return MetadefObject.list("namespaceId = ?1 order by createdAt, id", namespaceId);
    }

    public Uni<Optional<MetadefObject>> object(long namespaceId, String name) {
        return MetadefObject.<MetadefObject>find("namespaceId = ?1 and name = ?2", namespaceId, name)
                .firstResult()
                .map(Optional::ofNullable);
    }

    public Uni<List<MetadefProperty>> properties(long namespaceId) {
        return MetadefProperty.list("namespaceId = ?1 order by createdAt, id", namespaceId);
    }

    public Uni<Optional<MetadefProperty>> property(long namespaceId, String name) {
        return MetadefProperty.<MetadefProperty>find("namespaceId = ?1 and name = ?2", namespaceId, name)
                .firstResult()
                .map(Optional::ofNullable);
    }

    /** A page of a namespace's tags; {@code marker} is the name of the last tag of the previous page. */
    public Uni<List<MetadefTag>> tags(long namespaceId, MetadefQuery query, Optional<MetadefTag> marker) {
        if (query.limit() == 0) {
            return Uni.createFrom().item(List.of());
        }
        String field = MetadefQuery.TAG_SORT_KEYS.get(query.sortKey());
        Parameters parameters = Parameters.with("namespace", namespaceId);
        String where = "n.namespaceId = :namespace";
        if (marker.isPresent()) {
            where += " and " + keyset(field, query.ascending());
            parameters.and("markerValue", sortValue(field, marker.get())).and("markerId", marker.get().id);
        }
        String direction = query.ascending() ? " asc" : " desc";
        return MetadefTag.<MetadefTag>find(
                        "from MetadefTag n where " + where + " order by n." + field + direction + ", n.id" + direction,
                        parameters)
                .range(0, query.limit() - 1)
                .list();
    }

    /** Whether a tag of this name exists, whatever its case (tag names are unique regardless of case). */
    public Uni<Boolean> tagTaken(long namespaceId, String name) {
        return MetadefTag.count("namespaceId = ?1 and lower(name) = lower(?2)", namespaceId, name)
                .map(count -> count > 0);
    }

    public Uni<Optional<MetadefTag>> tag(long namespaceId, String name) {
        return MetadefTag.<MetadefTag>find("namespaceId = ?1 and name = ?2", namespaceId, name)
                .firstResult()
                .map(Optional::ofNullable);
    }

    /** Deletes every row of {@code type} (objects, properties or tags) in the namespace. */
    public Uni<Long> deleteAll(Class<?> type, long namespaceId) {
        return Panache.getSession()
                .chain(session -> session.createMutationQuery(
                                "delete from " + type.getSimpleName() + " where namespaceId = :namespace")
                        .setParameter("namespace", namespaceId)
                        .executeUpdate())
                .map(Integer::longValue);
    }

    public Uni<List<MetadefResourceType>> resourceTypes() {
        return MetadefResourceType.list("order by name");
    }

    /** The resource type, created on first use as in Glance. */
    public Uni<MetadefResourceType> resourceType(String name, OffsetDateTime now) {
        return MetadefResourceType.<MetadefResourceType>findById(name).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            MetadefResourceType type = new MetadefResourceType();
            type.name = name;
            type.createdAt = now;
            type.updatedAt = now;
            return type.persist().replaceWith(type);
        });
    }

    public Uni<Optional<MetadefAssociation>> association(long namespaceId, String resourceType) {
        return MetadefAssociation.<MetadefAssociation>find(
                        "namespaceId = ?1 and resourceType = ?2", namespaceId, resourceType)
                .firstResult()
                .map(Optional::ofNullable);
    }

    /** Writes pending changes now, so a constraint the database enforces fails inside the use case. */
    public Uni<Void> flush() {
        return Panache.getSession().chain(session -> session.flush());
    }

    private static String keyset(String field, boolean ascending) {
        String after = ascending ? ">" : "<";
        return "(n." + field + " " + after + " :markerValue or (n." + field + " = :markerValue and n.id " + after
                + " :markerId))";
    }

    private static Object sortValue(String field, Object row) {
        return switch (row) {
            case MetadefNamespace n ->
                switch (field) {
                    case "createdAt" -> n.createdAt;
                    case "updatedAt" -> n.updatedAt;
                    case "namespace" -> n.namespace;
                    default -> n.id;
                };
            case MetadefTag t ->
                switch (field) {
                    case "createdAt" -> t.createdAt;
                    case "updatedAt" -> t.updatedAt;
                    case "name" -> t.name;
                    default -> t.id;
                };
            default -> throw new IllegalArgumentException("not a metadef row: " + row);
        };
    }
}
