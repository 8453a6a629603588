package io.glimpse.catalog.client;

import io.glimpse.contracts.internal.VerificationRequest;
import io.glimpse.contracts.internal.VerificationResult;
import io.glimpse.support.error.GlimpseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** The only way catalog talks to signature-service; an unreachable service becomes a typed 503. */
@ApplicationScoped
public class SignatureClient {
    private static final Logger LOG = Logger.getLogger(SignatureClient.class);

    private final SignatureRestClient signatures;

    public SignatureClient(@RestClient SignatureRestClient signatures) {
        this.signatures = signatures;
    }

    /** @throws GlimpseException.ServiceUnavailable when signature-service cannot be asked (the upload is reverted) */
    public VerificationResult verify(VerificationRequest request) {
        try {
            return signatures.verify(request);
        } catch (RuntimeException failure) {
            LOG.warnf(
                    "signature verification of image %s could not be asked for: %s",
                    request.imageId(), failure.toString());
            throw new GlimpseException.ServiceUnavailable("The signature of image " + request.imageId()
                    + " cannot be verified now (signature service unavailable); try again later.");
        }
    }
}
