package io.glimpse.catalog.rest;

import io.glimpse.catalog.mapping.ImageRepresentation;
import io.glimpse.catalog.mapping.LocationParser;
import io.glimpse.catalog.service.LocationImportService;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** {@code POST|GET /v2/images/{id}/locations}: the service-only location API (glance-v2-api.md §7.3). */
@Path("/v2/images/{imageId}/locations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ImageLocationResource {
    private final LocationImportService locations;
    private final LocationParser parser;
    private final CurrentCaller caller;

    public ImageLocationResource(LocationImportService locations, LocationParser parser, CurrentCaller caller) {
        this.locations = locations;
        this.parser = parser;
        this.caller = caller;
    }

    /** 202 with no body, as Glance's code answers (its api-ref says 200). Blocking: the store is asked. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public Response add(@PathParam("imageId") String imageId, Object body) {
        locations.add(caller.get(), imageId, parser.apiBody(body));
        return Response.accepted().build();
    }

    @GET
    public Uni<List<Map<String, Object>>> list(@PathParam("imageId") String imageId) {
        return locations
                .locations(caller.get(), imageId)
                .map(found -> found.stream().map(ImageRepresentation::location).toList());
    }
}
