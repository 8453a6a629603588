package io.glimpse.sharing.rest;

import io.glimpse.sharing.mapping.MemberRepresentation;
import io.glimpse.sharing.mapping.MemberRequestParser;
import io.glimpse.sharing.service.MemberService;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * {@code /v2/images/{imageId}/members}: Glance's image sharing (glance-v2-api.md §9). HTTP only; the
 * use cases live in {@link MemberService}. Adding a member answers 200, not 201, as Glance does.
 */
@Path("/v2/images/{imageId}/members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {
    private final MemberService members;
    private final CurrentCaller caller;

    public MemberResource(MemberService members, CurrentCaller caller) {
        this.members = members;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> add(@PathParam("imageId") String imageId, Object body) {
        return members.add(caller.get(), imageId, MemberRequestParser.memberId(body))
                .map(MemberRepresentation::of);
    }

    @GET
    public Uni<Map<String, Object>> list(@PathParam("imageId") String imageId) {
        return members.list(caller.get(), imageId).map(MemberRepresentation::of);
    }

    @GET
    @Path("/{memberId}")
    public Uni<Map<String, Object>> show(@PathParam("imageId") String imageId, @PathParam("memberId") String memberId) {
        return members.show(caller.get(), imageId, memberId).map(MemberRepresentation::of);
    }

    @PUT
    @Path("/{memberId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> update(
            @PathParam("imageId") String imageId, @PathParam("memberId") String memberId, Object body) {
        return members.update(caller.get(), imageId, memberId, MemberRequestParser.status(body))
                .map(MemberRepresentation::of);
    }

    @DELETE
    @Path("/{memberId}")
    public Uni<Response> delete(@PathParam("imageId") String imageId, @PathParam("memberId") String memberId) {
        return members.delete(caller.get(), imageId, memberId)
                .replaceWith(Response.noContent().build());
    }
}
