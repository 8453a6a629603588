package io.glimpse.catalog.rest;

import io.glimpse.catalog.mapping.MemberEventReader;
import io.glimpse.catalog.service.MembershipService;
import io.glimpse.contracts.event.MemberEventData;
import io.glimpse.contracts.internal.InternalApi;
import io.glimpse.support.error.GlimpseException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@link InternalApi#MEMBERSHIP}, served at the path its clients call: never routed by the gateway, service
 * role only.
 */
@Path(InternalApi.MEMBERSHIP)
@RolesAllowed("service")
public class InternalMembershipResource {
    private final MembershipService memberships;

    public InternalMembershipResource(MembershipService memberships) {
        this.memberships = memberships;
    }

    /** sharing's synchronous push of a membership change; the same idempotent apply as the event. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> membership(String body) {
        MemberEventData data;
        try {
            data = MemberEventReader.read(body);
        } catch (IllegalArgumentException e) {
            throw new GlimpseException.BadRequest(e.getMessage());
        }
        return memberships.applyPush(data).map(done -> Response.noContent().build());
    }
}
