package io.glimpse.catalog.rest;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.mapping.ImageQueryParser;
import io.glimpse.catalog.mapping.ImageRepresentation;
import io.glimpse.catalog.mapping.NewImageParser;
import io.glimpse.catalog.mapping.PatchParser;
import io.glimpse.catalog.service.ImageListService;
import io.glimpse.catalog.service.ImageService;
import io.glimpse.catalog.service.ImageUpdateService;
import io.glimpse.catalog.service.LocationData;
import io.glimpse.store.StoreInfo;
import io.glimpse.store.StoreRegistry;
import io.glimpse.support.security.Caller;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code /v2/images} and {@code /v2/images/{id}}. HTTP only; the use cases live in the service package. */
@Path("/v2/images")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {
    private final ImageService images;
    private final ImageUpdateService updates;
    private final ImageListService listing;
    private final NewImageParser newImages;
    private final PatchParser patches;
    private final ImageQueryParser queries;
    private final ImageRepresentation representation;
    private final CurrentCaller caller;
    private final CatalogConfig config;
    private final LocationData locationData;
    private final String storeIds;

    public ImageResource(
            ImageService images,
            ImageUpdateService updates,
            ImageListService listing,
            NewImageParser newImages,
            PatchParser patches,
            ImageQueryParser queries,
            ImageRepresentation representation,
            CurrentCaller caller,
            CatalogConfig config,
            LocationData locationData,
            StoreRegistry stores) {
        this.images = images;
        this.updates = updates;
        this.listing = listing;
        this.newImages = newImages;
        this.patches = patches;
        this.queries = queries;
        this.representation = representation;
        this.caller = caller;
        this.config = config;
        this.locationData = locationData;
        this.storeIds = stores.storesInfo().stream().map(StoreInfo::id).collect(Collectors.joining(","));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(Object body) {
        Caller who = caller.get();
        return images.create(who, newImages.parse(body)).map(image -> {
            Response.ResponseBuilder created = Response.created(
                            URI.create(config.publicUrl() + "/v2/images/" + image.id))
                    .entity(representation.of(who, image));
            if (!config.importMethods().isEmpty()) {
                created.header("OpenStack-image-import-methods", String.join(",", config.importMethods()));
            }
            // Glance sends the store ids whenever several stores can be enabled (multi-store); Glimpse always is.
            created.header("OpenStack-image-store-ids", storeIds);
            return created.build();
        });
    }

    @GET
    public Uni<Map<String, Object>> list(@Context UriInfo uri) {
        Caller who = caller.get();
        return listing.list(who, queries.parse(uri.getQueryParameters())).map(page -> {
            String query = withoutMarker(uri.getRequestUri().getRawQuery());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(
                    "images",
                    page.images().stream()
                            .map(image -> representation.of(who, image))
                            .toList());
            body.put("first", "/v2/images" + (query.isEmpty() ? "" : "?" + query));
            body.put("schema", "/v2/schemas/images");
            page.nextMarker()
                    .ifPresent(marker -> body.put(
                            "next", "/v2/images?" + (query.isEmpty() ? "" : query + "&") + "marker=" + marker));
            return body;
        });
    }

    @GET
    @Path("/{imageId}")
    public Uni<Map<String, Object>> show(@PathParam("imageId") String imageId) {
        Caller who = caller.get();
        return images.show(who, imageId).map(image -> representation.of(who, image));
    }

    /** Both patch media types; anything else is a 415 with {@code Accept-Patch} (see PatchTypeMapper). */
    @PATCH
    @Path("/{imageId}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Map<String, Object>> patch(
            @PathParam("imageId") String imageId,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            String body) {
        Caller who = caller.get();
        return updates.patch(who, imageId, patches.parse(contentType, body))
                .map(image -> representation.of(who, image));
    }

    @DELETE
    @Path("/{imageId}")
    public Uni<Response> delete(@PathParam("imageId") String imageId) {
        return images.delete(caller.get(), imageId)
                .call(dropped -> locationData.deleteUnreferenced(imageId, dropped))
                .map(done -> Response.noContent().build());
    }

    private static String withoutMarker(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        return Arrays.stream(rawQuery.split("&"))
                .filter(part -> !part.isEmpty() && !part.startsWith("marker="))
                .collect(Collectors.joining("&"));
    }
}
