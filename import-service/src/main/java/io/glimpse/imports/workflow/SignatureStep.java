package io.glimpse.imports.workflow;

import io.glimpse.contracts.event.ImageSnapshot;
import io.glimpse.contracts.internal.VerificationRequest;
import io.glimpse.contracts.internal.VerificationResult;
import io.glimpse.imports.client.SignatureClient;
import io.glimpse.imports.domain.StagedData;
import io.glimpse.imports.domain.StepStatus;
import io.glimpse.imports.service.StagedDigests;
import io.glimpse.imports.storage.StagingArea;
import io.glimpse.store.HashAlgorithm;
import io.glimpse.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code verify-signature} step (glance-v2-api.md §6): a signed image's signature is verified once, over the
 * staged data, before any store is written. The digest comes from the staging pass; only when the image was signed
 * (or its hash method changed) after staging is the data read again for it. A signature-service that cannot be
 * reached is asked again for a while: the import waits rather than fails.
 */
@ApplicationScoped
public class SignatureStep {
    static final int ASKS = 15;
    static final long PAUSE_MILLIS = 2_000;

    private final SignatureClient signatures;
    private final StagingArea staging;

    public SignatureStep(SignatureClient signatures, StagingArea staging) {
        this.signatures = signatures;
        this.staging = staging;
    }

    void verify(ImportRun run, StagedData staged, ImageSnapshot image) {
        Map<String, String> properties = image.properties();
        if (!StagedDigests.isSigned(properties)
                || run.recorded(ImportRun.VERIFY_SIGNATURE, null).isPresent()) {
            return;
        }
        String method = properties.get("img_signature_hash_method");
        HashAlgorithm hash = StagedDigests.signatureHash(properties)
                .orElseThrow(() ->
                        new ImportFailure("Signature verification failed: Invalid signature hash method: " + method));
        String digest = hash.glanceName().equals(staged.signatureHash) && staged.signatureDigest != null
                ? staged.signatureDigest
                : digestAgain(run, staged, hash);
        VerificationRequest request = new VerificationRequest(
                image.id(),
                properties.get("img_signature_certificate_uuid"),
                properties.get("img_signature"),
                method,
                properties.get("img_signature_key_type"),
                digest,
                run.task().requestId,
                certificateProject(run, image),
                run.task().userId);
        VerificationResult result = ask(run, request);
        if (!result.verified()) {
            throw new ImportFailure("Signature verification failed: " + result.reason());
        }
        run.record(ImportRun.VERIFY_SIGNATURE, null, StepStatus.DONE, Map.of("verification", result.verificationId()));
    }

    /**
     * The project whose certificates may verify the signature: the importer's, as Glance fetches the certificate with
     * the uploader's credentials. A copy-image is an admin's copy of an image that already has its data, signed by
     * its owner with the owner's certificate, which the admin's project cannot see: the owner's project is asked
     * (ADR 0019), so that copying a signed image works and the copy is still verified.
     */
    private static String certificateProject(ImportRun run, ImageSnapshot image) {
        return "copy-image".equals(run.task().method) && image.owner() != null ? image.owner() : run.task().owner;
    }

    private VerificationResult ask(ImportRun run, VerificationRequest request) {
        run.progress().say("Verifying the signature");
        for (int asked = 1; ; asked++) {
            Optional<VerificationResult> result = signatures.verify(request);
            if (result.isPresent()) {
                return result.get();
            }
            if (asked == ASKS) {
                throw new ImportFailure("The signature cannot be verified: the signature service is unavailable.");
            }
            pause();
            run.checkGoingOn();
        }
    }

    private String digestAgain(ImportRun run, StagedData staged, HashAlgorithm hash) {
        Progress.Phase phase = run.progress().phase("verify", null, staged.size);
        phase.running();
        MessageDigest digest = hash.newDigest();
        try (InputStream data = staging.store().read(staged.location, Optional.empty())) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = data.read(buffer)) >= 0) {
                run.checkGoingOn();
                digest.update(buffer, 0, n);
                phase.add(n);
            }
        } catch (IOException | StoreException e) {
            phase.failed();
            throw new ImportFailure("The staged data cannot be read to verify its signature: " + e.getMessage(), e);
        }
        phase.done();
        return Base64.getEncoder().encodeToString(digest.digest());
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportStopped("interrupted");
        }
    }
}
