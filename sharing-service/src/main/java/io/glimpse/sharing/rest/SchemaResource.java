package io.glimpse.sharing.rest;

import io.glimpse.sharing.mapping.MemberSchemas;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** The member schemas; the gateway routes {@code /v2/schemas/member} and {@code /v2/schemas/members} here. */
@Path("/v2/schemas")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SchemaResource {

    @GET
    @Path("/member")
    public Map<String, Object> member() {
        return MemberSchemas.member();
    }

    @GET
    @Path("/members")
    public Map<String, Object> members() {
        return MemberSchemas.members();
    }
}
