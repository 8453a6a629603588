package io.glimpse.contracts.internal;

/**
 * Synchronous calls between services, for commands that need an answer now (ARCHITECTURE.md).
 * Never routed by the gateway; every one requires the {@code service} role (client-credentials token
 * of {@code glimpse-service}).
 */
public final class InternalApi {

    /**
     * catalog-service: {@code GET /internal/images/{imageId}} → 200 {@code ImageState} of a live image,
     * 404 when there is none. sharing uses it when its image projection has not seen an image yet.
     */
    public static final String IMAGES = "/internal/images";

    /**
     * catalog-service: {@code PUT /internal/memberships} with a {@code MemberEventData} body → 204.
     * sharing pushes every membership change here right after committing it (read-your-writes for
     * listings); the {@code glimpse.members} event repairs any push that failed. Applying the same
     * data twice, or older data after newer, changes nothing.
     */
    public static final String MEMBERSHIP = "/internal/memberships";

    /**
     * signature-service: {@code POST /internal/verifications} with a {@code VerificationRequest} body →
     * 200 {@code VerificationResult}, verified or not with the reason; 400 when a field is missing.
     * catalog (upload) and import call it with the digest they computed while streaming the data; each
     * call is recorded and announced as {@code image.signature.verified|failed} on {@code glimpse.signatures}.
     */
    public static final String VERIFICATIONS = "/internal/verifications";

    private InternalApi() {}
}
