package io.glimpse.catalog.service;

import io.glimpse.catalog.domain.MetadefInput;
import io.glimpse.catalog.domain.MetadefNamespace;
import io.glimpse.catalog.domain.MetadefObject;
import io.glimpse.catalog.domain.MetadefProperty;
import io.glimpse.catalog.domain.MetadefQuery;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a namespace defines: objects, properties and tags (§13.3). Each use case finds the namespace the caller may
 * see (404 otherwise), then asks for its own rule (403).
 */
@ApplicationScoped
public class MetadefContentService {
    private final MetadefRepository metadefs;
    private final MetadefPolicy policy;
    private final MetadefEvents events;
    private final MetadefNamespaceService namespaces;

    public MetadefContentService(
            MetadefRepository metadefs,
            MetadefPolicy policy,
            MetadefEvents events,
            MetadefNamespaceService namespaces) {
        this.metadefs = metadefs;
        this.policy = policy;
        this.events = events;
        this.namespaces = namespaces;
    }

    /** Something in a namespace, with the namespace it is in. */
    public record In<T>(MetadefNamespace namespace, T item) {}

    // ---------------------------------------------------------------- objects

    @WithSession
    public Uni<In<List<MetadefObject>>> objects(Caller caller, String namespace) {
        return authorized(caller, namespace, CatalogOperation.LIST_METADEF_OBJECTS)
                .chain(found -> metadefs.objects(found.id).map(objects -> new In<>(found, objects)));
    }

    @WithSession
    public Uni<In<MetadefObject>> object(Caller caller, String namespace, String name) {
        return authorized(caller, namespace, CatalogOperation.SHOW_METADEF_OBJECT)
                .chain(found -> existingObject(found, name).map(object -> new In<>(found, object)));
    }

    @WithTransaction
    public Uni<In<MetadefObject>> createObject(Caller caller, String namespace, MetadefInput.DefinedObject input) {
        return authorized(caller, namespace, CatalogOperation.CREATE_METADEF_OBJECT)
                .chain(found -> metadefs.object(found.id, input.name()).chain(existing -> {
                    if (existing.isPresent()) {
                        throw duplicateObject(input.name(), namespace);
                    }
                    MetadefObject object = newObject(found, input, Clock.now());
                    return object.<MetadefObject>persist()
                            .call(() -> objectEvent(EventTypes.METADEF_OBJECT_CREATE, found, object, null, caller))
                            .map(persisted -> new In<>(found, object));
                }));
    }

    @WithTransaction
    public Uni<In<MetadefObject>> updateObject(
            Caller caller, String namespace, String name, MetadefInput.DefinedObject input) {
        return authorized(caller, namespace, CatalogOperation.MODIFY_METADEF_OBJECT)
                .chain(found -> existingObject(found, name)
                        .chain(object -> renameable(
                                        name,
                                        input.name(),
                                        metadefs.object(found.id, input.name()).map(Optional::isPresent),
                                        () -> duplicateObject(input.name(), namespace))
                                .chain(() -> {
                                    object.name = input.name();
                                    object.description = input.description().orElse(null);
                                    object.requiredJson = input.requiredJson().orElse(null);
                                    object.propertiesJson =
                                            input.propertiesJson().orElse(null);
                                    object.updatedAt = Clock.now();
                                    return metadefs.flush()
                                            .call(() -> objectEvent(
                                                    EventTypes.METADEF_OBJECT_UPDATE, found, object, name, caller))
                                            .map(flushed -> new In<>(found, object));
                                })));
    }

    @WithTransaction
    public Uni<Void> deleteObject(Caller caller, String namespace, String name) {
        return authorized(caller, namespace, CatalogOperation.DELETE_METADEF_OBJECT)
                .chain(found -> existingObject(found, name).chain(object -> {
                    if (found.isProtected) {
                        throw new GlimpseException.Forbidden(
                                "Metadata definition object " + name + " is protected and cannot be deleted.");
                    }
                    return object.delete()
                            .call(() -> objectEvent(EventTypes.METADEF_OBJECT_DELETE, found, object, null, caller));
                }));
    }

    // ---------------------------------------------------------------- properties

    @WithSession
    public Uni<In<List<MetadefProperty>>> properties(Caller caller, String namespace) {
        return authorized(caller, namespace, CatalogOperation.LIST_METADEF_PROPERTIES)
                .chain(found -> metadefs.properties(found.id).map(properties -> new In<>(found, properties)));
    }

    /** One property; a name with the prefix of a {@code resource_type} association is found without it. */
    @WithSession
    public Uni<In<MetadefProperty>> property(
            Caller caller, String namespace, String name, Optional<String> resourceType) {
        return authorized(caller, namespace, CatalogOperation.SHOW_METADEF_PROPERTY)
                .chain(found -> unprefixed(found, name, resourceType)
                        .chain(plain -> existingProperty(found, plain))
                        .map(property -> new In<>(found, property)));
    }

    @WithTransaction
    public Uni<In<MetadefProperty>> createProperty(Caller caller, String namespace, MetadefInput.Property input) {
        return authorized(caller, namespace, CatalogOperation.CREATE_METADEF_PROPERTY)
                .chain(found -> metadefs.property(found.id, input.name()).chain(existing -> {
                    if (existing.isPresent()) {
                        throw duplicateProperty(input.name(), namespace);
                    }
                    MetadefProperty property = newProperty(found, input.name(), input.schemaJson(), Clock.now());
                    return property.<MetadefProperty>persist()
                            .call(() ->
                                    propertyEvent(EventTypes.METADEF_PROPERTY_CREATE, found, property, null, caller))
                            .map(persisted -> new In<>(found, property));
                }));
    }

    @WithTransaction
    public Uni<In<MetadefProperty>> updateProperty(
            Caller caller, String namespace, String name, MetadefInput.Property input) {
        return authorized(caller, namespace, CatalogOperation.MODIFY_METADEF_PROPERTY)
                .chain(found -> existingProperty(found, name)
                        .chain(property -> renameable(
                                        name,
                                        input.name(),
                                        metadefs.property(found.id, input.name())
                                                .map(Optional::isPresent),
                                        () -> duplicateProperty(input.name(), namespace))
                                .chain(() -> {
                                    property.name = input.name();
                                    property.schemaJson = input.schemaJson();
                                    property.updatedAt = Clock.now();
                                    return metadefs.flush()
                                            .call(() -> propertyEvent(
                                                    EventTypes.METADEF_PROPERTY_UPDATE, found, property, name, caller))
                                            .map(flushed -> new In<>(found, property));
                                })));
    }

    @WithTransaction
    public Uni<Void> deleteProperty(Caller caller, String namespace, String name) {
        return authorized(caller, namespace, CatalogOperation.DELETE_METADEF_PROPERTY)
                .chain(found -> existingProperty(found, name).chain(property -> {
                    if (found.isProtected) {
                        throw new GlimpseException.Forbidden(
                                "Metadata definition property " + name + " is protected and cannot be deleted.");
                    }
                    return property.delete()
                            .call(() ->
                                    propertyEvent(EventTypes.METADEF_PROPERTY_DELETE, found, property, null, caller));
                }));
    }

    // ---------------------------------------------------------------- tags

    @WithSession
    public Uni<In<List<MetadefTag>>> tags(Caller caller, String namespace, MetadefQuery query) {
        return authorized(caller, namespace, CatalogOperation.LIST_METADEF_TAGS).chain(found -> {
            Uni<Optional<MetadefTag>> marker = query.marker().isEmpty()
                    ? Uni.createFrom().item(Optional.empty())
                    : existingTag(found, query.marker().get()).map(Optional::of);
            return marker.chain(after -> metadefs.tags(found.id, query, after)).map(tags -> new In<>(found, tags));
        });
    }

    @WithSession
    public Uni<In<MetadefTag>> tag(Caller caller, String namespace, String name) {
        return authorized(caller, namespace, CatalogOperation.SHOW_METADEF_TAG)
                .chain(found -> existingTag(found, name).map(tag -> new In<>(found, tag)));
    }

    @WithTransaction
    public Uni<In<MetadefTag>> createTag(Caller caller, String namespace, String name) {
        return authorized(caller, namespace, CatalogOperation.CREATE_METADEF_TAG)
                .chain(found -> metadefs.tagTaken(found.id, name).chain(taken -> {
                    if (taken) {
                        throw duplicateTag(name, namespace);
                    }
                    MetadefTag tag = newTag(found, name, Clock.now());
                    return tag.<MetadefTag>persist()
                            .call(() -> tagEvent(EventTypes.METADEF_TAG_CREATE, found, tag, null, caller))
                            .map(persisted -> new In<>(found, tag));
                }));
    }

    /**
     * {@code POST …/tags}: these tags replace the namespace's, or join them when {@code append}; a name that is
     * already there (appending) is a 409 and nothing is written.
     */
    @WithTransaction
    public Uni<In<List<MetadefTag>>> createTags(Caller caller, String namespace, List<String> names, boolean append) {
        return authorized(caller, namespace, CatalogOperation.CREATE_METADEF_TAGS)
                .chain(found -> {
                    Uni<Void> cleared = append
                            ? Uni.createFrom().voidItem()
                            : metadefs.deleteAll(MetadefTag.class, found.id).replaceWithVoid();
                    return cleared.chain(() -> {
                        Uni<Void> checked = Uni.createFrom().voidItem();
                        for (String name : names) {
                            checked = checked.chain(() -> metadefs.tagTaken(found.id, name)
                                    .map(taken -> {
                                        if (taken) {
                                            throw duplicateTag(name, namespace);
                                        }
                                        return null;
                                    }));
                        }
                        OffsetDateTime now = Clock.now();
                        List<MetadefTag> created = new ArrayList<>();
                        Uni<Void> written = checked;
                        for (String name : names) {
                            MetadefTag tag = newTag(found, name, now);
                            created.add(tag);
                            written = written.chain(() -> tag.persist())
                                    .call(() -> tagEvent(EventTypes.METADEF_TAG_CREATE, found, tag, null, caller))
                                    .replaceWithVoid();
                        }
                        return written.map(done -> new In<>(found, List.copyOf(created)));
                    });
                });
    }

    @WithTransaction
    public Uni<In<MetadefTag>> renameTag(Caller caller, String namespace, String name, String newName) {
        return authorized(caller, namespace, CatalogOperation.MODIFY_METADEF_TAG)
                .chain(found -> existingTag(found, name)
                        .chain(tag -> renameable(
                                        name.toLowerCase(),
                                        newName.toLowerCase(),
                                        metadefs.tagTaken(found.id, newName),
                                        () -> duplicateTag(newName, namespace))
                                .chain(() -> {
                                    tag.name = newName;
                                    tag.updatedAt = Clock.now();
                                    return metadefs.flush()
                                            .call(() ->
                                                    tagEvent(EventTypes.METADEF_TAG_UPDATE, found, tag, name, caller))
                                            .map(flushed -> new In<>(found, tag));
                                })));
    }

    @WithTransaction
    public Uni<Void> deleteTag(Caller caller, String namespace, String name) {
        return authorized(caller, namespace, CatalogOperation.DELETE_METADEF_TAG)
                .chain(found -> existingTag(found, name).chain(tag -> {
                    if (found.isProtected) {
                        throw new GlimpseException.Forbidden(
                                "Metadata definition tag " + name + " is protected and cannot be deleted.");
                    }
                    return tag.delete().call(() -> tagEvent(EventTypes.METADEF_TAG_DELETE, found, tag, null, caller));
                }));
    }

    // ---------------------------------------------------------------- shared by the namespace's own writes

    static MetadefObject newObject(MetadefNamespace namespace, MetadefInput.DefinedObject input, OffsetDateTime now) {
        MetadefObject object = new MetadefObject();
        object.namespaceId = namespace.id;
        object.name = input.name();
        object.description = input.description().orElse(null);
        object.requiredJson = input.requiredJson().orElse(null);
        object.propertiesJson = input.propertiesJson().orElse(null);
        object.createdAt = now;
        object.updatedAt = now;
        return object;
    }

    static MetadefProperty newProperty(MetadefNamespace namespace, String name, String schemaJson, OffsetDateTime now) {
        MetadefProperty property = new MetadefProperty();
        property.namespaceId = namespace.id;
        property.name = name;
        property.schemaJson = schemaJson;
        property.createdAt = now;
        property.updatedAt = now;
        return property;
    }

    static MetadefTag newTag(MetadefNamespace namespace, String name, OffsetDateTime now) {
        MetadefTag tag = new MetadefTag();
        tag.namespaceId = namespace.id;
        tag.name = name;
        tag.createdAt = now;
        tag.updatedAt = now;
        return tag;
    }

    private Uni<MetadefNamespace> authorized(Caller caller, String namespace, CatalogOperation operation) {
        return namespaces.visible(caller, namespace).map(found -> {
            policy.authorize(operation, caller, found);
            return found;
        });
    }

    /** A rename to a name another item of the namespace has is a 409; keeping the name is always fine. */
    private static Uni<Void> renameable(
            String name,
            String newName,
            Uni<Boolean> newNameTaken,
            java.util.function.Supplier<GlimpseException.Conflict> conflict) {
        if (name.equals(newName)) {
            return Uni.createFrom().voidItem();
        }
        return newNameTaken.map(taken -> {
            if (taken) {
                throw conflict.get();
            }
            return null;
        });
    }

    /** The property name without the prefix of the {@code resource_type} association, when one is asked for. */
    private Uni<String> unprefixed(MetadefNamespace namespace, String name, Optional<String> resourceType) {
        if (resourceType.isEmpty()) {
            return Uni.createFrom().item(name);
        }
        return metadefs.association(namespace.id, resourceType.get()).map(association -> {
            String prefix = association.map(found -> found.prefix).orElse(null);
            if (prefix == null || prefix.isEmpty()) {
                return name;
            }
            if (!name.startsWith(prefix)) {
                throw new GlimpseException.NotFound("Property " + name + " does not start with the expected"
                        + " resource type association prefix of '" + prefix + "'.");
            }
            return name.substring(prefix.length());
        });
    }

    private Uni<MetadefObject> existingObject(MetadefNamespace namespace, String name) {
        return metadefs.object(namespace.id, name)
                .map(found -> found.orElseThrow(
                        () -> new GlimpseException.NotFound("The metadata definition object with name=" + name
                                + " was not found in namespace=" + namespace.namespace + ".")));
    }

    private Uni<MetadefProperty> existingProperty(MetadefNamespace namespace, String name) {
        return metadefs.property(namespace.id, name)
                .map(found -> found.orElseThrow(
                        () -> new GlimpseException.NotFound("The metadata definition property with name=" + name
                                + " was not found in namespace=" + namespace.namespace + ".")));
    }

    private Uni<MetadefTag> existingTag(MetadefNamespace namespace, String name) {
        return metadefs.tag(namespace.id, name)
                .map(found ->
                        found.orElseThrow(() -> new GlimpseException.NotFound("The metadata definition tag with name="
                                + name + " was not found in namespace=" + namespace.namespace + ".")));
    }

    private Uni<Void> objectEvent(
            String type, MetadefNamespace namespace, MetadefObject object, String nameOld, Caller caller) {
        return events.record(
                type,
                namespace.namespace,
                object.name,
                nameOld == null || nameOld.equals(object.name) ? null : nameOld,
                MetadefRepresentation.object(namespace.namespace, object, ""),
                caller);
    }

    private Uni<Void> propertyEvent(
            String type, MetadefNamespace namespace, MetadefProperty property, String nameOld, Caller caller) {
        return events.record(
                type,
                namespace.namespace,
                property.name,
                nameOld == null || nameOld.equals(property.name) ? null : nameOld,
                MetadefRepresentation.property(property),
                caller);
    }

    private Uni<Void> tagEvent(String type, MetadefNamespace namespace, MetadefTag tag, String nameOld, Caller caller) {
        return events.record(
                type,
                namespace.namespace,
                tag.name,
                nameOld == null || nameOld.equals(tag.name) ? null : nameOld,
                MetadefRepresentation.tag(tag),
                caller);
    }

    private static GlimpseException.Conflict duplicateObject(String name, String namespace) {
        return new GlimpseException.Conflict(
                "A metadata definition object with name=" + name + " already exists in namespace=" + namespace + ".");
    }

    private static GlimpseException.Conflict duplicateProperty(String name, String namespace) {
        return new GlimpseException.Conflict(
                "A metadata definition property with name=" + name + " already exists in namespace=" + namespace + ".");
    }

    private static GlimpseException.Conflict duplicateTag(String name, String namespace) {
        return new GlimpseException.Conflict("A metadata tag with name=" + name + " already exists in namespace="
                + namespace + ". (Please note that metadata tag names are case insensitive).");
    }
}
