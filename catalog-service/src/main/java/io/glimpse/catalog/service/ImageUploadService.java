package io.glimpse.catalog.service;

import io.glimpse.catalog.client.SignatureClient;
import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageKeys;
import io.glimpse.catalog.storage.StoreFailures;
import io.glimpse.contracts.internal.VerificationRequest;
import io.glimpse.contracts.internal.VerificationResult;
import io.glimpse.inspect.FormatCheck;
import io.glimpse.inspect.FormatPolicy;
import io.glimpse.inspect.FormatVerdict;
import io.glimpse.inspect.ImageInspector;
import io.glimpse.inspect.InspectionResult;
import io.glimpse.store.DigestSpec;
import io.glimpse.store.HashAlgorithm;
import io.glimpse.store.ImageStore;
import io.glimpse.store.StoreConfigurationException;
import io.glimpse.store.StoreException;
import io.glimpse.store.StoreRegistry;
import io.glimpse.store.StoredObject;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * {@code PUT /v2/images/{id}/file} (glance-v2-api.md §5.1, §6). Runs on a worker thread: the body is read once,
 * through the store, which computes every digest and shows every byte to the format inspector in the same pass.
 * Any failure after {@code saving} removes what was written and puts the image back to {@code queued}.
 */
@ApplicationScoped
public class ImageUploadService {
    private static final Logger LOG = Logger.getLogger(ImageUploadService.class);
    /** The four properties that make an upload signature-verified (§6): all or nothing. */
    static final List<String> SIGNATURE_KEYS = List.of(
            "img_signature", "img_signature_hash_method", "img_signature_key_type", "img_signature_certificate_uuid");

    private final ImageDataSteps steps;
    private final StoreRegistry stores;
    private final SignatureClient signatures;
    private final HashAlgorithm osHash;
    private final long sizeCap;
    private final FormatPolicy formatPolicy;
    private final UploadLeases leases;

    public ImageUploadService(
            ImageDataSteps steps,
            StoreRegistry stores,
            SignatureClient signatures,
            CatalogConfig config,
            UploadLeases leases) {
        this.steps = steps;
        this.leases = leases;
        this.stores = stores;
        this.signatures = signatures;
        this.osHash = HashAlgorithm.fromName(config.upload().hashingAlgorithm())
                .orElseThrow(() -> new StoreConfigurationException("Unknown glimpse.catalog.upload.hashing-algorithm: "
                        + config.upload().hashingAlgorithm()));
        this.sizeCap = config.upload().imageSizeCap();
        this.formatPolicy = new FormatPolicy(
                config.upload().requireImageFormatMatch(), FormatPolicy.DEFAULT.gptSafetyChecksNonfatal());
    }

    /**
     * @param expectedSize the announced size ({@code x-openstack-image-size}, else {@code Content-Length}), or -1
     */
    public void upload(Caller caller, String id, Optional<String> storeId, InputStream body, long expectedSize) {
        Image image = await(() -> steps.beginUpload(caller, id, storeId));
        leases.streamStarted(id);
        ImageStore store = storeId.map(stores::get).orElseGet(stores::defaultStore);
        StoredObject stored = null;
        try {
            Optional<Signature> signature = signature(image);
            DigestSpec digests = signature
                    .map(wanted -> DigestSpec.of(osHash).withSignatureHash(wanted.hash()))
                    .orElseGet(() -> DigestSpec.of(osHash));
            ImageInspector inspector = new ImageInspector();
            stored = store.write(id, body, expectedSize, digests, sizeCap, inspector::update);
            InspectionResult inspection = inspector.finish();
            OptionalLong virtualSize = checkFormat(image, inspection);
            if (signature.isPresent()) {
                verify(caller, id, signature.get(), stored);
            }
            StoredObject written = stored;
            await(() -> steps.completeUpload(caller, id, written, virtualSize, verdictProperties(inspection)));
        } catch (RuntimeException failure) {
            undo(caller, id, store, stored, failure);
            throw failure instanceof StoreException storeFailure ? StoreFailures.toApi(storeFailure) : failure;
        } finally {
            leases.streamEnded(id);
        }
    }

    /** Glance inspects only bare containers; others wrap some other format (§5.1 step 5). */
    private OptionalLong checkFormat(Image image, InspectionResult inspection) {
        if (!"bare".equals(image.containerFormat)) {
            return OptionalLong.empty();
        }
        return switch (FormatCheck.check(image.diskFormat, inspection, formatPolicy)) {
            case FormatVerdict.Accepted accepted -> accepted.virtualSize();
            case FormatVerdict.Rejected rejected ->
                throw new GlimpseException.UnsupportedMediaType(
                        "Image data does not match disk_format " + image.diskFormat + ": " + rejected.message());
        };
    }

    private void verify(Caller caller, String id, Signature signature, StoredObject stored) {
        byte[] digest = stored.signatureDigest().orElseThrow();
        VerificationResult result = signatures.verify(new VerificationRequest(
                id,
                signature.certificateUuid(),
                signature.value(),
                signature.hashMethod(),
                signature.keyType(),
                Base64.getEncoder().encodeToString(digest),
                caller.requestId(),
                caller.projectId(),
                caller.userId()));
        if (!result.verified()) {
            throw new GlimpseException.BadRequest("Signature verification failed: " + result.reason());
        }
    }

    private void undo(Caller caller, String id, ImageStore store, StoredObject stored, RuntimeException failure) {
        LOG.infof("upload of image %s failed, reverting to queued: %s", id, failure.toString());
        if (stored != null) {
            try {
                store.delete(stored.location());
            } catch (RuntimeException deleteFailure) {
                LOG.errorf("data of failed upload %s left at %s: %s", id, stored.location(), deleteFailure.toString());
            }
        }
        try {
            await(() -> steps.revertUpload(caller, id));
        } catch (RuntimeException revertFailure) {
            LOG.errorf("image %s could not be reverted to queued: %s", id, revertFailure.toString());
        }
    }

    /** Present only when all four properties are; an unknown hash method fails like a bad signature (400). */
    private static Optional<Signature> signature(Image image) {
        Map<String, String> properties = image.properties;
        if (!SIGNATURE_KEYS.stream().allMatch(properties::containsKey)) {
            return Optional.empty();
        }
        String method = properties.get("img_signature_hash_method");
        HashAlgorithm hash = HashAlgorithm.fromName(method)
                .filter(algorithm -> algorithm.jcaName().startsWith("SHA-") && algorithm != HashAlgorithm.SHA1)
                .orElseThrow(() -> new GlimpseException.BadRequest(
                        "Signature verification failed: Invalid signature " + "hash method: " + method));
        return Optional.of(new Signature(
                properties.get("img_signature"),
                method,
                properties.get("img_signature_key_type"),
                properties.get("img_signature_certificate_uuid"),
                hash));
    }

    private static Map<String, String> verdictProperties(InspectionResult inspection) {
        Map<String, String> verdict = new LinkedHashMap<>();
        verdict.put(
                ImageKeys.DETECTED_FORMAT,
                inspection.format().map(Object::toString).orElse("ambiguous"));
        verdict.put(
                ImageKeys.FORMAT_SAFETY,
                inspection.isSafe() ? "safe" : inspection.safety().describe());
        return verdict;
    }

    /** Runs a reactive database step from this worker thread on a Vert.x context, as Hibernate Reactive needs. */
    static <T> T await(Supplier<Uni<T>> step) {
        try {
            return VertxContextSupport.subscribeAndAwait(step);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private record Signature(
            String value, String hashMethod, String keyType, String certificateUuid, HashAlgorithm hash) {}
}
