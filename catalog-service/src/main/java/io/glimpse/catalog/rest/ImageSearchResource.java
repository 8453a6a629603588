package io.glimpse.catalog.rest;

import io.glimpse.catalog.mapping.ImageRepresentation;
import io.glimpse.catalog.mapping.ImageSearchParser;
import io.glimpse.catalog.service.ImageSearchService;
import io.glimpse.support.security.Caller;
import io.glimpse.support.security.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v2/search/images}: image search, an extension beyond Glance (ADR 0014). HTTP only; the use case is
 * {@link ImageSearchService}.
 */
@Path("/v2/search/images")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ImageSearchResource {
    private final ImageSearchService search;
    private final ImageSearchParser parser;
    private final ImageRepresentation representation;
    private final CurrentCaller caller;

    public ImageSearchResource(
            ImageSearchService search,
            ImageSearchParser parser,
            ImageRepresentation representation,
            CurrentCaller caller) {
        this.search = search;
        this.parser = parser;
        this.representation = representation;
        this.caller = caller;
    }

    @GET
    @Operation(
            summary = "Search images by words",
            description = "The images of the default image list (GET /v2/images: public, own, shared with the caller's"
                    + " project and accepted; for an admin every image but other projects' community ones) whose"
                    + " name, tags or additional properties description, os_distro, os_version, os_type and"
                    + " architecture contain every word of q as a word prefix; a word that starts no indexed word"
                    + " also matches the closest indexed words (typos). Best first: name over tags over properties."
                    + " Body: {\"query\", \"total\", \"total_exact\", \"limit\", \"offset\", \"results\": [{\"score\","
                    + " \"image\"}]}, each image exactly as GET /v2/images/{id} shows it. At most 1,000 matches are"
                    + " ranked and counted: past them total is 1000 and total_exact false.")
    @APIResponse(responseCode = "200", description = "The page of hits and the total")
    @APIResponse(
            responseCode = "400",
            description = "q missing, empty, over 255 characters or without a word;"
                    + " limit or offset not an integer in range; an unknown parameter")
    @APIResponse(responseCode = "403", description = "The caller may not list images (get_images)")
    public Uni<Map<String, Object>> search(
            @Parameter(
                            in = ParameterIn.QUERY,
                            required = true,
                            description = "Words to find (letters and digits; anything else separates words),"
                                    + " at most 255 characters and 10 words")
                    @QueryParam("q")
                    String q,
            @Parameter(in = ParameterIn.QUERY, description = "Hits per page, 0 to 100 (default 25)")
                    @QueryParam("limit")
                    String limit,
            @Parameter(in = ParameterIn.QUERY, description = "Hits to skip, 0 to 900 (default 0)") @QueryParam("offset")
                    String offset,
            @Context UriInfo uri) {
        // The parser reads the whole query string (it refuses unknown parameters); q, limit and offset are declared
        // above for the OpenAPI document.
        Caller who = caller.get();
        var query = parser.parse(uri.getQueryParameters());
        return search.search(who, query).map(result -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", query.text());
            body.put("total", result.total());
            body.put("total_exact", result.totalExact());
            body.put("limit", query.limit());
            body.put("offset", query.offset());
            body.put(
                    "results",
                    result.hits().stream()
                            .map(hit -> {
                                Map<String, Object> entry = new LinkedHashMap<>();
                                entry.put("score", hit.score());
                                entry.put("image", representation.of(who, hit.image()));
                                return entry;
                            })
                            .toList());
            return body;
        });
    }
}
