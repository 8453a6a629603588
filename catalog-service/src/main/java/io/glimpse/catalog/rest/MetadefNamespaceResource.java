package io.glimpse.catalog.rest;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.domain.MetadefObject;
import io.glimpse.catalog.domain.MetadefProperty;
import io.glimpse.catalog.domain.MetadefQuery;
import io.glimpse.catalog.domain.MetadefTag;
import io.glimpse.catalog.mapping.MetadefBodies;
import io.glimpse.catalog.mapping.MetadefQueryParser;
import io.glimpse.catalog.mapping.MetadefRepresentation;
import io.glimpse.catalog.service.MetadefNamespaceService;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v2/metadefs/namespaces[/{ns}]}, the namespace-wide deletes of its contents, its resource type associations
 * and {@code /v2/metadefs/resource_types}. HTTP only; the use cases live in the service package.
 */
@Path("/v2/metadefs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MetadefNamespaceResource {
    private final MetadefNamespaceService namespaces;
    private final MetadefBodies bodies;
    private final CurrentCaller caller;
    private final CatalogConfig config;

    public MetadefNamespaceResource(
            MetadefNamespaceService namespaces, MetadefBodies bodies, CurrentCaller caller, CatalogConfig config) {
        this.namespaces = namespaces;
        this.bodies = bodies;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Path("/namespaces")
    public Uni<Map<String, Object>> list(@Context UriInfo uri) {
        return namespaces
                .list(
                        caller.get(),
                        MetadefQueryParser.parse(uri.getQueryParameters(), MetadefQuery.NAMESPACE_SORT_KEYS.keySet()))
                .map(page -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put(
                            "namespaces",
                            page.namespaces().stream()
                                    .map(contents -> MetadefRepresentation.namespace(
                                            contents.namespace(), contents.associations()))
                                    .toList());
                    body.put("schema", "/v2/schemas/metadefs/namespaces");
                    body.put("first", "/v2/metadefs/namespaces");
                    page.nextMarker().ifPresent(marker -> body.put("next", "/v2/metadefs/namespaces?marker=" + marker));
                    return body;
                });
    }

    @POST
    @Path("/namespaces")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(Object body) {
        return namespaces
                .create(caller.get(), bodies.namespace(body))
                .map(contents -> Response.created(URI.create(
                                config.publicUrl() + "/v2/metadefs/namespaces/" + contents.namespace().namespace))
                        .entity(MetadefRepresentation.created(contents))
                        .build());
    }

    @GET
    @Path("/namespaces/{namespace}")
    public Uni<Map<String, Object>> show(
            @PathParam("namespace") String namespace, @QueryParam("resource_type") String resourceType) {
        return namespaces
                .show(caller.get(), namespace, Optional.ofNullable(resourceType))
                .map(shown -> MetadefRepresentation.contents(shown.contents(), shown.prefix()));
    }

    @PUT
    @Path("/namespaces/{namespace}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> update(@PathParam("namespace") String namespace, Object body) {
        return namespaces
                .update(caller.get(), namespace, bodies.namespaceUpdate(body))
                .map(contents -> MetadefRepresentation.namespace(contents.namespace(), List.of()));
    }

    @DELETE
    @Path("/namespaces/{namespace}")
    public Uni<Response> delete(@PathParam("namespace") String namespace) {
        return namespaces
                .delete(caller.get(), namespace)
                .map(done -> Response.noContent().build());
    }

    @DELETE
    @Path("/namespaces/{namespace}/objects")
    public Uni<Response> deleteObjects(@PathParam("namespace") String namespace) {
        return namespaces
                .deleteAll(caller.get(), namespace, MetadefObject.class)
                .map(done -> Response.noContent().build());
    }

    @DELETE
    @Path("/namespaces/{namespace}/properties")
    public Uni<Response> deleteProperties(@PathParam("namespace") String namespace) {
        return namespaces
                .deleteAll(caller.get(), namespace, MetadefProperty.class)
                .map(done -> Response.noContent().build());
    }

    @DELETE
    @Path("/namespaces/{namespace}/tags")
    public Uni<Response> deleteTags(@PathParam("namespace") String namespace) {
        return namespaces
                .deleteAll(caller.get(), namespace, MetadefTag.class)
                .map(done -> Response.noContent().build());
    }

    @GET
    @Path("/resource_types")
    public Uni<Map<String, Object>> resourceTypes() {
        return namespaces
                .resourceTypes(caller.get())
                .map(types -> Map.of(
                        "resource_types",
                        types.stream().map(MetadefRepresentation::resourceType).toList()));
    }

    @GET
    @Path("/namespaces/{namespace}/resource_types")
    public Uni<Map<String, Object>> associations(@PathParam("namespace") String namespace) {
        return namespaces
                .associations(caller.get(), namespace)
                .map(associations -> Map.of(
                        "resource_type_associations",
                        associations.stream()
                                .map(MetadefRepresentation::association)
                                .toList()));
    }

    @POST
    @Path("/namespaces/{namespace}/resource_types")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> associate(@PathParam("namespace") String namespace, Object body) {
        return namespaces
                .associate(caller.get(), namespace, bodies.association(body))
                .map(association -> Response.status(Response.Status.CREATED)
                        .entity(MetadefRepresentation.association(association))
                        .build());
    }

    @DELETE
    @Path("/namespaces/{namespace}/resource_types/{resourceType}")
    public Uni<Response> dissociate(
            @PathParam("namespace") String namespace, @PathParam("resourceType") String resourceType) {
        return namespaces
                .dissociate(caller.get(), namespace, resourceType)
                .map(done -> Response.noContent().build());
    }
}
