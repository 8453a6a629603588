package io.glimpse.catalog.rest;

import io.glimpse.catalog.domain.MetadefQuery;
import io.glimpse.catalog.mapping.MetadefBodies;
import io.glimpse.catalog.mapping.MetadefQueryParser;
import io.glimpse.catalog.mapping.MetadefRepresentation;
import io.glimpse.catalog.service.MetadefContentService;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Map;
import java.util.Optional;

/**
 * What a namespace defines: {@code /v2/metadefs/namespaces/{ns}/objects}, {@code …/properties} and {@code …/tags}
 * (the deletes of all of one kind are the namespace's, see {@link MetadefNamespaceResource}). The class path is the
 * same as that one's: a longer class path would take {@code /namespaces/{ns}} itself from it.
 */
@Path("/v2/metadefs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MetadefContentResource {
    private final MetadefContentService contents;
    private final MetadefBodies bodies;
    private final CurrentCaller caller;

    public MetadefContentResource(MetadefContentService contents, MetadefBodies bodies, CurrentCaller caller) {
        this.contents = contents;
        this.bodies = bodies;
        this.caller = caller;
    }

    @GET
    @Path("/namespaces/{namespace}/objects")
    public Uni<Map<String, Object>> objects(@PathParam("namespace") String namespace) {
        // "v2/…" without the leading slash: what Glance 25.1 answers here.
        return contents.objects(caller.get(), namespace)
                .map(in -> Map.of(
                        "objects",
                        in.item().stream()
                                .map(object -> MetadefRepresentation.object(namespace, object, ""))
                                .toList(),
                        "schema",
                        "v2/schemas/metadefs/objects"));
    }

    @POST
    @Path("/namespaces/{namespace}/objects")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> createObject(@PathParam("namespace") String namespace, Object body) {
        return contents.createObject(caller.get(), namespace, bodies.object(body))
                .map(in -> created(MetadefRepresentation.object(namespace, in.item(), "")));
    }

    @GET
    @Path("/namespaces/{namespace}/objects/{name}")
    public Uni<Map<String, Object>> object(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return contents.object(caller.get(), namespace, name)
                .map(in -> MetadefRepresentation.object(namespace, in.item(), ""));
    }

    @PUT
    @Path("/namespaces/{namespace}/objects/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> updateObject(
            @PathParam("namespace") String namespace, @PathParam("name") String name, Object body) {
        return contents.updateObject(caller.get(), namespace, name, bodies.object(body))
                .map(in -> MetadefRepresentation.object(namespace, in.item(), ""));
    }

    @DELETE
    @Path("/namespaces/{namespace}/objects/{name}")
    public Uni<Response> deleteObject(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return contents.deleteObject(caller.get(), namespace, name)
                .map(done -> Response.noContent().build());
    }

    @GET
    @Path("/namespaces/{namespace}/properties")
    public Uni<Map<String, Object>> properties(@PathParam("namespace") String namespace) {
        return contents.properties(caller.get(), namespace)
                .map(in -> Map.of("properties", MetadefRepresentation.properties(in.item(), "")));
    }

    @POST
    @Path("/namespaces/{namespace}/properties")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> createProperty(@PathParam("namespace") String namespace, Object body) {
        return contents.createProperty(caller.get(), namespace, bodies.property(body))
                .map(in -> created(MetadefRepresentation.property(in.item())));
    }

    @GET
    @Path("/namespaces/{namespace}/properties/{name}")
    public Uni<Map<String, Object>> property(
            @PathParam("namespace") String namespace,
            @PathParam("name") String name,
            @QueryParam("resource_type") String resourceType) {
        return contents.property(caller.get(), namespace, name, Optional.ofNullable(resourceType))
                .map(in -> MetadefRepresentation.property(in.item()));
    }

    @PUT
    @Path("/namespaces/{namespace}/properties/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> updateProperty(
            @PathParam("namespace") String namespace, @PathParam("name") String name, Object body) {
        return contents.updateProperty(caller.get(), namespace, name, bodies.property(body))
                .map(in -> MetadefRepresentation.property(in.item()));
    }

    @DELETE
    @Path("/namespaces/{namespace}/properties/{name}")
    public Uni<Response> deleteProperty(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return contents.deleteProperty(caller.get(), namespace, name)
                .map(done -> Response.noContent().build());
    }

    @GET
    @Path("/namespaces/{namespace}/tags")
    public Uni<Map<String, Object>> tags(@PathParam("namespace") String namespace, @Context UriInfo uri) {
        return contents.tags(
                        caller.get(),
                        namespace,
                        MetadefQueryParser.parse(uri.getQueryParameters(), MetadefQuery.TAG_SORT_KEYS.keySet()))
                .map(in -> Map.of(
                        "tags",
                        in.item().stream().map(tag -> Map.of("name", tag.name)).toList()));
    }

    /** Bulk: replaces the namespace's tags, or adds to them with {@code X-Openstack-Append: true}. */
    @POST
    @Path("/namespaces/{namespace}/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> createTags(
            @PathParam("namespace") String namespace, @HeaderParam("X-Openstack-Append") String append, Object body) {
        return contents.createTags(caller.get(), namespace, bodies.tags(body), "true".equalsIgnoreCase(append))
                .map(in -> created(Map.of(
                        "tags",
                        in.item().stream().map(tag -> Map.of("name", tag.name)).toList())));
    }

    @POST
    @Path("/namespaces/{namespace}/tags/{name}")
    public Uni<Response> createTag(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return contents.createTag(caller.get(), namespace, bodies.checkName(name, "tag"))
                .map(in -> created(MetadefRepresentation.tag(in.item())));
    }

    @GET
    @Path("/namespaces/{namespace}/tags/{name}")
    public Uni<Map<String, Object>> tag(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return contents.tag(caller.get(), namespace, name).map(in -> MetadefRepresentation.tag(in.item()));
    }

    @PUT
    @Path("/namespaces/{namespace}/tags/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> renameTag(
            @PathParam("namespace") String namespace, @PathParam("name") String name, Object body) {
        return contents.renameTag(caller.get(), namespace, name, bodies.tag(body))
                .map(in -> MetadefRepresentation.tag(in.item()));
    }

    @DELETE
    @Path("/namespaces/{namespace}/tags/{name}")
    public Uni<Response> deleteTag(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return contents.deleteTag(caller.get(), namespace, name)
                .map(done -> Response.noContent().build());
    }

    private static Response created(Object entity) {
        return Response.status(Response.Status.CREATED).entity(entity).build();
    }
}
