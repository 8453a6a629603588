package io.glimpse.catalog.rest;

import io.glimpse.catalog.mapping.MemberEventReader;
import io.glimpse.catalog.service.ImageService;
import io.glimpse.catalog.service.MembershipService;
import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.MemberEventData;
import io.glimpse.contracts.internal.InternalApi;
import io.glimpse.support.error.GlimpseException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The internal API of contracts' {@link InternalApi}: never routed by the gateway, service role only. */
@Path("/internal")
@RolesAllowed("service")
public class InternalResource {
    private final ImageService images;
    private final MembershipService memberships;

    public InternalResource(ImageService images, MembershipService memberships) {
        this.images = images;
        this.memberships = memberships;
    }

    @GET
    @Path("/images/{imageId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<String> image(@PathParam("imageId") String imageId) {
        // Written with the events' own mapping, so the lookup and the events can never disagree.
        return images.state(imageId).map(EventJson::write);
    }

    /** sharing's synchronous push of a membership change; the same idempotent apply as the event. */
    @PUT
    @Path("/memberships")
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
