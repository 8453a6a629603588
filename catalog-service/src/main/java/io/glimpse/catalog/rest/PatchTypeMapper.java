package io.glimpse.catalog.rest;

import io.glimpse.catalog.mapping.PatchParser;
import io.glimpse.support.error.ErrorMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A PATCH in neither patch media type: Glance's 415 tells the client which ones it takes (§3.3). */
public class PatchTypeMapper {

    @ServerExceptionMapper
    public Response unsupported(PatchParser.UnsupportedPatchType e, HttpHeaders headers) {
        return Response.fromResponse(ErrorMapper.render(415, e.getMessage(), headers))
                .header("Accept-Patch", PatchParser.ACCEPT_PATCH)
                .build();
    }
}
