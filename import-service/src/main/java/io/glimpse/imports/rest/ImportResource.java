package io.glimpse.imports.rest;

import io.glimpse.imports.mapping.ImportRequestParser;
import io.glimpse.imports.service.ImportService;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /v2/images/{id}/import} (glance-v2-api.md §8.2): 202 with no body once the import is under way. */
@Path("/v2/images/{imageId}/import")
@Authenticated
@Blocking
public class ImportResource {
    private final ImportService imports;
    private final ImportRequestParser parser;
    private final CurrentCaller caller;

    public ImportResource(ImportService imports, ImportRequestParser parser, CurrentCaller caller) {
        this.imports = imports;
        this.parser = parser;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response startImport(
            @PathParam("imageId") String imageId, @HeaderParam("X-Image-Meta-Store") String store, String body) {
        imports.begin(caller.get(), imageId, parser.parse(body), store == null ? null : store.strip());
        return Response.accepted().build();
    }
}
