package io.glimpse.imports.client;

import io.glimpse.contracts.internal.VerificationRequest;
import io.glimpse.contracts.internal.VerificationResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.Optional;

/** The only way import-service asks signature-service to verify the staged data's signature. */
@ApplicationScoped
public class SignatureClient {
    private static final Logger LOG = Logger.getLogger(SignatureClient.class);

    private final SignatureRestClient signatures;

    public SignatureClient(@RestClient SignatureRestClient signatures) {
        this.signatures = signatures;
    }

    /** The verdict, or empty when signature-service cannot be asked now (the import waits and asks again). */
    public Optional<VerificationResult> verify(VerificationRequest request) {
        try {
            return Optional.of(signatures.verify(request));
        } catch (RuntimeException failure) {
            LOG.warnf("signature of image %s cannot be verified now: %s", request.imageId(), failure.toString());
            return Optional.empty();
        }
    }
}
