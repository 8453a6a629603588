package io.glimpse.contracts.internal;

/**
 * Synchronous calls between services, for commands that need an answer now (docs/architecture.md).
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

    /** catalog-service: {@code POST} with an {@code ImageAccess} body → 200 {@code ImageState} or 404. */
    public static final String IMAGE_ACCESS = IMAGES + ImageRoutes.ACCESS;

    /**
     * catalog-service, for import-service's {@code PUT /v2/images/{id}/stage}: {@code POST} with a {@code StageBegin}
     * body → 200 {@code ImageState} ({@code queued → uploading}).
     */
    public static final String STAGE = IMAGES + ImageRoutes.STAGE;

    /** catalog-service: {@code POST} with a {@code StageEnd} body → 204 (size recorded, or back to queued). */
    public static final String STAGE_END = IMAGES + ImageRoutes.STAGE_END;

    /**
     * catalog-service, for import-service's {@code POST /v2/images/{id}/import}: {@code POST} with an
     * {@code ImportBegin} body → 200 {@code ImportPlan} (the import lock taken, the image {@code importing}).
     */
    public static final String IMPORTS = IMAGES + ImageRoutes.IMPORTS;

    /** catalog-service: {@code POST} with an {@code ImportResume} body → 200 {@code ImportPlan} (fence raised). */
    public static final String IMPORT_RESUME = IMAGES + ImageRoutes.IMPORT_RESUME;

    /** catalog-service: {@code POST} with an {@code ImportStoreResult} body → 204 (one target store done). */
    public static final String IMPORT_STORE = IMAGES + ImageRoutes.IMPORT_STORE;

    /** catalog-service: {@code POST} with an {@code ImportEnd} body → 200 {@code ImportEnded} (lock released). */
    public static final String IMPORT_END = IMAGES + ImageRoutes.IMPORT_END;

    private InternalApi() {}

    /** The routes under {@link #IMAGES}, for the resource that serves them at that path. */
    public static final class ImageRoutes {
        public static final String IMAGE = "/{imageId}";
        public static final String ACCESS = IMAGE + "/access";
        public static final String STAGE = IMAGE + "/stage";
        public static final String STAGE_END = STAGE + "/end";
        public static final String IMPORTS = IMAGE + "/imports";
        public static final String IMPORT_RESUME = IMPORTS + "/{taskId}/resume";
        public static final String IMPORT_STORE = IMPORTS + "/{taskId}/stores";
        public static final String IMPORT_END = IMPORTS + "/{taskId}/end";

        private ImageRoutes() {}
    }
}
