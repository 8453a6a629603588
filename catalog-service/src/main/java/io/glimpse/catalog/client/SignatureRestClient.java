package io.glimpse.catalog.client;

import io.glimpse.contracts.internal.InternalApi;
import io.glimpse.contracts.internal.VerificationRequest;
import io.glimpse.contracts.internal.VerificationResult;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * signature-service's internal API ({@link InternalApi#VERIFICATIONS}), called with the client-credentials
 * token of {@code glimpse-service}. Blocking on purpose: the upload that needs it already runs on a worker
 * thread. Use it through {@link SignatureClient}.
 */
@RegisterRestClient(configKey = "signature")
@OidcClientFilter
public interface SignatureRestClient {

    /** 200 with the result whenever the request was complete (a bad signature is an answer, not an error). */
    @POST
    @Path(InternalApi.VERIFICATIONS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    VerificationResult verify(VerificationRequest request);
}
