package io.glimpse.catalog.rest;

import io.glimpse.catalog.mapping.InternalBodies;
import io.glimpse.catalog.service.ImageImportService;
import io.glimpse.catalog.service.ImageService;
import io.glimpse.catalog.service.LocationData;
import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.internal.ImageAccess;
import io.glimpse.contracts.internal.ImportBegin;
import io.glimpse.contracts.internal.ImportEnd;
import io.glimpse.contracts.internal.ImportEnded;
import io.glimpse.contracts.internal.ImportResume;
import io.glimpse.contracts.internal.ImportStoreResult;
import io.glimpse.contracts.internal.InternalApi;
import io.glimpse.contracts.internal.StageBegin;
import io.glimpse.contracts.internal.StageEnd;
import io.glimpse.contracts.internal.StoredLocation;
import io.glimpse.support.error.GlimpseException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@link InternalApi#IMAGES} and the routes under it, served at the paths their clients call: never routed by the
 * gateway, service role only. The lookup sharing makes, and the staging and import commands import-service sends
 * (glance-v2-api.md §5.3, §8); bodies and answers are contracts records in their JSON.
 */
@Path(InternalApi.IMAGES)
@RolesAllowed("service")
public class InternalImageResource {
    private final ImageService images;
    private final ImageImportService imports;
    private final LocationData locationData;

    public InternalImageResource(ImageService images, ImageImportService imports, LocationData locationData) {
        this.images = images;
        this.imports = imports;
        this.locationData = locationData;
    }

    @GET
    @Path(InternalApi.ImageRoutes.IMAGE)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<String> image(@PathParam("imageId") String imageId) {
        // Written with the events' own mapping, so the lookup and the events can never disagree.
        return images.state(imageId).map(EventJson::write);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Path(InternalApi.ImageRoutes.ACCESS)
    public Uni<String> access(@PathParam("imageId") String imageId, String body) {
        ImageAccess request = InternalBodies.read(body, ImageAccess.class);
        return imports.access(InternalBodies.caller(request.user()), imageId).map(EventJson::write);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Path(InternalApi.ImageRoutes.STAGE)
    public Uni<String> beginStaging(@PathParam("imageId") String imageId, String body) {
        StageBegin request = InternalBodies.read(body, StageBegin.class);
        return imports.beginStaging(InternalBodies.caller(request.user()), imageId, required(request.stageToken()))
                .map(EventJson::write);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Path(InternalApi.ImageRoutes.STAGE_END)
    public Uni<Response> endStaging(@PathParam("imageId") String imageId, String body) {
        StageEnd request = InternalBodies.read(body, StageEnd.class);
        return imports.endStaging(
                        InternalBodies.caller(request.user()),
                        imageId,
                        required(request.stageToken()),
                        request.stored(),
                        request.size())
                .map(done -> Response.noContent().build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Path(InternalApi.ImageRoutes.IMPORTS)
    public Uni<String> beginImport(@PathParam("imageId") String imageId, String body) {
        ImportBegin request = InternalBodies.read(body, ImportBegin.class);
        required(request.taskId());
        required(request.method());
        return imports.beginImport(InternalBodies.caller(request.user()), imageId, request)
                .map(EventJson::write);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Path(InternalApi.ImageRoutes.IMPORT_RESUME)
    public Uni<String> resumeImport(
            @PathParam("imageId") String imageId, @PathParam("taskId") String taskId, String body) {
        ImportResume request = InternalBodies.read(body, ImportResume.class);
        return imports.resumeImport(imageId, taskId, request.fence()).map(EventJson::write);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Path(InternalApi.ImageRoutes.IMPORT_STORE)
    public Uni<Response> storeDone(
            @PathParam("imageId") String imageId, @PathParam("taskId") String taskId, String body) {
        ImportStoreResult result = InternalBodies.read(body, ImportStoreResult.class);
        required(result.storeId());
        if (result.written()) {
            required(result.location());
            required(result.checksum());
        }
        return imports.storeDone(InternalBodies.caller(result.user()), imageId, taskId, result)
                .map(done -> Response.noContent().build());
    }

    /** The dropped locations' data is deleted once the end committed, as an image delete does. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Path(InternalApi.ImageRoutes.IMPORT_END)
    public Uni<String> endImport(
            @PathParam("imageId") String imageId, @PathParam("taskId") String taskId, String body) {
        ImportEnd request = InternalBodies.read(body, ImportEnd.class);
        return imports.endImport(InternalBodies.caller(request.user()), imageId, taskId, request)
                .call(dropped -> locationData.deleteUnreferenced(imageId, dropped))
                .map(dropped -> EventJson.write(new ImportEnded(dropped.stream()
                        .map(location -> new StoredLocation(location.url(), location.storeId()))
                        .toList())));
    }

    private static String required(String value) {
        if (value == null || value.isBlank()) {
            throw new GlimpseException.BadRequest("A required field of the request is missing.");
        }
        return value;
    }
}
