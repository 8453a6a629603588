package io.glimpse.signature.mapping;

import io.glimpse.contracts.event.VerificationSnapshot;
import io.glimpse.contracts.internal.VerificationRequest;
import io.glimpse.contracts.internal.VerificationResult;
import io.glimpse.signature.domain.Verification;
import io.glimpse.support.error.GlimpseException;

/** Verification request checks and the record's event and API forms. */
public final class VerificationMapper {

    private VerificationMapper() {}

    /** @throws GlimpseException.BadRequest naming the first missing field: an incomplete request is the caller's bug */
    public static VerificationRequest requireComplete(VerificationRequest request) {
        if (request == null) {
            throw new GlimpseException.BadRequest("A verification request body is required.");
        }
        require("image_id", request.imageId());
        require("certificate_uuid", request.certificateUuid());
        require("signature_base64", request.signatureBase64());
        require("hash_method", request.hashMethod());
        require("key_type", request.keyType());
        require("digest_base64", request.digestBase64());
        require("request_id", request.requestId());
        require("project_id", request.projectId());
        require("user_id", request.userId());
        return request;
    }

    public static VerificationSnapshot toSnapshot(Verification verification) {
        return new VerificationSnapshot(
                verification.id.toString(),
                verification.imageId,
                verification.certificateUuid,
                verification.hashMethod,
                verification.keyType,
                verification.verified,
                verification.outcome,
                verification.reason,
                verification.createdAt.toInstant());
    }

    public static VerificationResult toResult(Verification verification) {
        return new VerificationResult(
                verification.id.toString(), verification.verified, verification.outcome, verification.reason);
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new GlimpseException.BadRequest("'" + field + "' is required.");
        }
    }
}
