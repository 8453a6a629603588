package io.glimpse.catalog.service;

import io.glimpse.catalog.domain.MetadefAssociation;
import io.glimpse.catalog.domain.MetadefContents;
import io.glimpse.catalog.domain.MetadefInput;
import io.glimpse.catalog.domain.MetadefNamespace;
import io.glimpse.catalog.domain.MetadefObject;
import io.glimpse.catalog.domain.MetadefProperty;
import io.glimpse.catalog.domain.MetadefQuery;
import io.glimpse.catalog.domain.MetadefResourceType;
import io.glimpse.catalog.domain.MetadefTag;
import io.glimpse.catalog.mapping.MetadefRepresentation;
import io.glimpse.catalog.messaging.MetadefEvents;
import io.glimpse.catalog.policy.CatalogOperation;
import io.glimpse.catalog.policy.MetadefPolicy;
import io.glimpse.catalog.repository.MetadefRepository;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The namespaces of the metadata definitions catalog and their resource type associations (§13.3). */
@ApplicationScoped
public class MetadefNamespaceService {
    private final MetadefRepository metadefs;
    private final MetadefPolicy policy;
    private final MetadefEvents events;

    public MetadefNamespaceService(MetadefRepository metadefs, MetadefPolicy policy, MetadefEvents events) {
        this.metadefs = metadefs;
        this.policy = policy;
        this.events = events;
    }

    /** A page of namespaces, each with its associations, and the marker of the next page when this one is full. */
    public record Page(List<MetadefContents> namespaces, Optional<String> nextMarker) {}

    @WithSession
    public Uni<Page> list(Caller caller, MetadefQuery query) {
        policy.authorize(CatalogOperation.LIST_METADEF_NAMESPACES, caller);
        policy.authorize(CatalogOperation.LIST_METADEF_RESOURCE_TYPES, caller);
        boolean admin = policy.isAdmin(caller);
        Uni<Optional<MetadefNamespace>> marker = query.marker().isEmpty()
                ? Uni.createFrom().item(Optional.empty())
                : visible(caller, query.marker().get()).map(Optional::of);
        return marker.chain(after -> metadefs.namespaces(query, caller.projectId(), admin, after))
                .chain(rows -> {
                    List<MetadefNamespace> shown = rows.stream()
                            .filter(namespace -> policy.canSee(caller, namespace))
                            .toList();
                    return metadefs.associations(shown.stream()
                                    .map(namespace -> namespace.id)
                                    .toList())
                            .map(associations -> {
                                Map<Long, List<MetadefAssociation>> byNamespace = associations.stream()
                                        .collect(Collectors.groupingBy(association -> association.namespaceId));
                                List<MetadefContents> page = shown.stream()
                                        .map(namespace -> new MetadefContents(
                                                namespace,
                                                byNamespace.getOrDefault(namespace.id, List.of()),
                                                List.of(),
                                                List.of(),
                                                List.of()))
                                        .toList();
                                return new Page(
                                        page,
                                        !rows.isEmpty() && rows.size() == query.limit()
                                                ? Optional.of(rows.getLast().namespace)
                                                : Optional.empty());
                            });
                });
    }

    /** The namespace with everything in it, and the prefix {@code resource_type}'s association gives names. */
    public record Shown(MetadefContents contents, String prefix) {}

    @WithSession
    public Uni<Shown> show(Caller caller, String name, Optional<String> resourceType) {
        return visible(caller, name)
                .chain(namespace -> metadefs.contents(namespace)
                        .map(contents -> new Shown(
                                contents,
                                resourceType
                                        .flatMap(type -> contents.associations().stream()
                                                .filter(association -> association.resourceType.equals(type))
                                                .findFirst())
                                        .map(association -> association.prefix == null ? "" : association.prefix)
                                        .orElse(""))));
    }

    @WithTransaction
    public Uni<MetadefContents> create(Caller caller, MetadefInput.Namespace input) {
        policy.authorize(CatalogOperation.CREATE_METADEF_NAMESPACE, caller);
        return metadefs.namespace(input.namespace()).chain(existing -> {
            if (existing.isPresent()) {
                throw duplicate(input.namespace());
            }
            return insert(input, input.owner().orElse(caller.projectId()))
                    .call(contents -> events.record(
                            EventTypes.METADEF_NAMESPACE_CREATE,
                            input.namespace(),
                            input.namespace(),
                            null,
                            MetadefRepresentation.contents(contents, ""),
                            caller));
        });
    }

    /**
     * Loads a namespace from a definitions file unless one of that name exists (then it is left as it is, as
     * {@code glance-manage db_load_metadefs} does without {@code --merge}).
     *
     * @return whether it was loaded
     */
    @WithTransaction
    public Uni<Boolean> load(Caller operator, MetadefInput.Namespace input, String defaultOwner) {
        return metadefs.namespace(input.namespace()).chain(existing -> {
            if (existing.isPresent()) {
                return Uni.createFrom().item(false);
            }
            return insert(input, input.owner().orElse(defaultOwner))
                    .call(contents -> events.record(
                            EventTypes.METADEF_NAMESPACE_CREATE,
                            input.namespace(),
                            input.namespace(),
                            null,
                            MetadefRepresentation.contents(contents, ""),
                            operator))
                    .replaceWith(true);
        });
    }

    /** PUT: the namespace's own fields as given (absent ones cleared or defaulted, as in Glance), maybe renamed. */
    @WithTransaction
    public Uni<MetadefContents> update(Caller caller, String name, MetadefInput.Namespace input) {
        return visible(caller, name).chain(namespace -> {
            policy.authorize(CatalogOperation.MODIFY_METADEF_NAMESPACE, caller, namespace);
            Uni<Void> nameFree = input.namespace().equals(name)
                    ? Uni.createFrom().voidItem()
                    : metadefs.namespace(input.namespace()).map(taken -> {
                        if (taken.isPresent()) {
                            throw duplicate(input.namespace());
                        }
                        return null;
                    });
            return nameFree.chain(() -> {
                namespace.namespace = input.namespace();
                namespace.displayName = input.displayName().orElse(null);
                namespace.description = input.description().orElse(null);
                namespace.visibility = input.visibility();
                namespace.isProtected = input.isProtected();
                input.owner().ifPresent(owner -> namespace.owner = owner);
                namespace.updatedAt = Clock.now();
                return metadefs.flush()
                        .chain(() -> metadefs.associations(List.of(namespace.id)))
                        .map(associations ->
                                new MetadefContents(namespace, associations, List.of(), List.of(), List.of()))
                        .call(contents -> events.record(
                                EventTypes.METADEF_NAMESPACE_UPDATE,
                                namespace.namespace,
                                namespace.namespace,
                                name.equals(namespace.namespace) ? null : name,
                                MetadefRepresentation.namespace(namespace, contents.associations()),
                                caller));
            });
        });
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, String name) {
        return visible(caller, name).chain(namespace -> {
            policy.authorize(CatalogOperation.DELETE_METADEF_NAMESPACE, caller, namespace);
            requireUnprotected(namespace);
            return metadefs.contents(namespace)
                    .chain(contents -> namespace
                            .delete()
                            .call(() -> events.record(
                                    EventTypes.METADEF_NAMESPACE_DELETE,
                                    name,
                                    name,
                                    null,
                                    MetadefRepresentation.contents(contents, ""),
                                    caller)));
        });
    }

    /** {@code DELETE …/objects}, {@code …/properties} or {@code …/tags}: everything of one kind, in one go. */
    @WithTransaction
    public Uni<Void> deleteAll(Caller caller, String name, Class<?> kind) {
        return visible(caller, name).chain(namespace -> {
            policy.authorize(
                    kind == MetadefTag.class
                            ? CatalogOperation.DELETE_METADEF_TAGS
                            : CatalogOperation.DELETE_METADEF_NAMESPACE,
                    caller,
                    namespace);
            requireUnprotected(namespace);
            String type = kind == MetadefObject.class
                    ? EventTypes.METADEF_NAMESPACE_DELETE_OBJECTS
                    : kind == MetadefProperty.class
                            ? EventTypes.METADEF_NAMESPACE_DELETE_PROPERTIES
                            : EventTypes.METADEF_NAMESPACE_DELETE_TAGS;
            return metadefs.deleteAll(kind, namespace.id)
                    .call(() -> events.record(
                            type, name, name, null, MetadefRepresentation.namespace(namespace, List.of()), caller))
                    .replaceWithVoid();
        });
    }

    @WithSession
    public Uni<List<MetadefResourceType>> resourceTypes(Caller caller) {
        policy.authorize(CatalogOperation.LIST_METADEF_RESOURCE_TYPES, caller);
        return metadefs.resourceTypes();
    }

    @WithSession
    public Uni<List<MetadefAssociation>> associations(Caller caller, String name) {
        return visible(caller, name).chain(namespace -> {
            policy.authorize(CatalogOperation.LIST_METADEF_ASSOCIATIONS, caller, namespace);
            return metadefs.associations(List.of(namespace.id));
        });
    }

    @WithTransaction
    public Uni<MetadefAssociation> associate(Caller caller, String name, MetadefInput.Association input) {
        return visible(caller, name).chain(namespace -> {
            policy.authorize(CatalogOperation.CREATE_METADEF_ASSOCIATION, caller, namespace);
            return metadefs.association(namespace.id, input.name()).chain(existing -> {
                if (existing.isPresent()) {
                    throw new GlimpseException.Conflict("The metadata definition resource-type association of"
                            + " resource-type=" + input.name() + " to namespace=" + name + " already exists.");
                }
                return associate(namespace, input, Clock.now())
                        .call(association -> events.record(
                                EventTypes.METADEF_RESOURCE_TYPE_CREATE,
                                name,
                                input.name(),
                                null,
                                MetadefRepresentation.association(association),
                                caller));
            });
        });
    }

    @WithTransaction
    public Uni<Void> dissociate(Caller caller, String name, String resourceType) {
        return visible(caller, name).chain(namespace -> {
            policy.authorize(CatalogOperation.DELETE_METADEF_ASSOCIATION, caller, namespace);
            return metadefs.association(namespace.id, resourceType).chain(existing -> {
                MetadefAssociation association = existing.orElseThrow(() -> new GlimpseException.NotFound(
                        "The metadata definition resource-type association of resource-type=" + resourceType
                                + " to namespace=" + name + ", was not found."));
                if (namespace.isProtected) {
                    throw new GlimpseException.Forbidden("Metadata definition resource-type-association " + resourceType
                            + " is protected and cannot be deleted.");
                }
                return association
                        .delete()
                        .call(() -> events.record(
                                EventTypes.METADEF_RESOURCE_TYPE_DELETE,
                                name,
                                resourceType,
                                null,
                                MetadefRepresentation.association(association),
                                caller));
            });
        });
    }

    /** The namespace, if it exists and the caller may see it; 404 otherwise, in both cases the same. */
    Uni<MetadefNamespace> visible(Caller caller, String name) {
        return metadefs.namespace(name).map(found -> {
            MetadefNamespace namespace = found.orElseThrow(() -> MetadefPolicy.notFound(name));
            policy.authorize(CatalogOperation.SHOW_METADEF_NAMESPACE, caller, namespace);
            return namespace;
        });
    }

    static void requireUnprotected(MetadefNamespace namespace) {
        if (namespace.isProtected) {
            throw new GlimpseException.Forbidden(
                    "Metadata definition namespace " + namespace.namespace + " is protected and cannot be deleted.");
        }
    }

    /** Writes a namespace and everything defined in it. */
    private Uni<MetadefContents> insert(MetadefInput.Namespace input, String owner) {
        OffsetDateTime now = Clock.now();
        MetadefNamespace namespace = new MetadefNamespace();
        namespace.namespace = input.namespace();
        namespace.displayName = input.displayName().orElse(null);
        namespace.description = input.description().orElse(null);
        namespace.visibility = input.visibility();
        namespace.isProtected = input.isProtected();
        namespace.owner = owner;
        namespace.createdAt = now;
        namespace.updatedAt = now;
        return namespace
                .<MetadefNamespace>persist()
                .chain(() -> metadefs.flush())
                .chain(() -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (MetadefInput.Association association : input.associations()) {
                        all = all.chain(() -> associate(namespace, association, now))
                                .replaceWithVoid();
                    }
                    for (Map.Entry<String, String> property : input.properties().entrySet()) {
                        all = all.chain(() -> MetadefContentService.newProperty(
                                                namespace, property.getKey(), property.getValue(), now)
                                        .persist())
                                .replaceWithVoid();
                    }
                    for (MetadefInput.DefinedObject object : input.objects()) {
                        all = all.chain(() -> MetadefContentService.newObject(namespace, object, now)
                                        .persist())
                                .replaceWithVoid();
                    }
                    for (String tag : input.tags()) {
                        all = all.chain(() -> MetadefContentService.newTag(namespace, tag, now)
                                        .persist())
                                .replaceWithVoid();
                    }
                    return all.chain(() -> metadefs.flush()).chain(() -> metadefs.contents(namespace));
                });
    }

    private Uni<MetadefAssociation> associate(
            MetadefNamespace namespace, MetadefInput.Association input, OffsetDateTime now) {
        return metadefs.resourceType(input.name(), now).chain(type -> {
            MetadefAssociation association = new MetadefAssociation();
            association.namespaceId = namespace.id;
            association.resourceType = type.name;
            association.prefix = input.prefix().orElse(null);
            association.propertiesTarget = input.propertiesTarget().orElse(null);
            association.createdAt = now;
            association.updatedAt = now;
            return association.<MetadefAssociation>persist();
        });
    }

    private static GlimpseException.Conflict duplicate(String namespace) {
        return new GlimpseException.Conflict("The metadata definition namespace=" + namespace + " already exists.");
    }
}
