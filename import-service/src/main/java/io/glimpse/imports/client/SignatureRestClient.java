package io.glimpse.imports.client;

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

/** signature-service's verification API ({@link InternalApi#VERIFICATIONS}); use it through {@link SignatureClient}. */
@RegisterRestClient(configKey = "signature")
@OidcClientFilter
public interface SignatureRestClient {

    @POST
    @Path(InternalApi.VERIFICATIONS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    VerificationResult verify(VerificationRequest request);
}
