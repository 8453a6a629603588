package io.glimpse.signature.rest;

import io.glimpse.contracts.internal.InternalApi;
import io.glimpse.contracts.internal.VerificationRequest;
import io.glimpse.contracts.internal.VerificationResult;
import io.glimpse.signature.mapping.VerificationMapper;
import io.glimpse.signature.service.VerificationService;
import io.glimpse.support.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Internal (never routed by the gateway): catalog and import ask here whether an image's signature
 * matches the digest they computed. 200 with the result, verified or not; 400 for an incomplete request.
 */
@Path(InternalApi.VERIFICATIONS)
@RolesAllowed("service")
public class VerificationResource {
    private final VerificationService verifications;
    private final CurrentCaller caller;

    public VerificationResource(VerificationService verifications, CurrentCaller caller) {
        this.verifications = verifications;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<VerificationResult> verify(VerificationRequest request) {
        return verifications.verify(caller.get(), request).map(VerificationMapper::toResult);
    }
}
