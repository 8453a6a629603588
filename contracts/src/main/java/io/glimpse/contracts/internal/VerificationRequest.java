package io.glimpse.contracts.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST} {@link InternalApi#VERIFICATIONS}: verify an image's signature over the digest
 * of its data. The caller (catalog on upload, import on import) computes the digest with the
 * {@code hashMethod} in its single streaming pass over the data, so the bytes never travel twice.
 * Every field is required (400 otherwise); invalid values give a {@link VerificationResult} that is
 * not verified, never an error status.
 *
 * @param imageId          the image whose data was signed; the key of the resulting event
 * @param certificateUuid  the image's {@code img_signature_certificate_uuid}
 * @param signatureBase64  the image's {@code img_signature}: base64 of the raw signature bytes
 * @param hashMethod       the image's {@code img_signature_hash_method}, e.g. {@code SHA-256}
 * @param keyType          the image's {@code img_signature_key_type}, e.g. {@code RSA-PSS}
 * @param digestBase64     base64 of the digest of the image data computed with {@code hashMethod}
 * @param requestId        the request id of the upload or import (carried into the event)
 * @param projectId        the project whose certificates may verify: the uploader's or importer's (Glance
 *                         fetches the certificate with that user's credentials), the image owner's for a
 *                         copy-image (an admin's copy of data its owner signed; ADR 0019)
 * @param userId           that user, for the event's actor
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VerificationRequest(
        String imageId,
        String certificateUuid,
        String signatureBase64,
        String hashMethod,
        String keyType,
        String digestBase64,
        String requestId,
        String projectId,
        String userId) {}
