package io.glimpse.catalog.policy;

import io.glimpse.policy.GlancePolicy;

/** The named operations of the catalog, each bound to the Glance policy rule that guards it. */
public enum CatalogOperation {
    CREATE_IMAGE(GlancePolicy.ADD_IMAGE),
    PUBLICIZE_IMAGE(GlancePolicy.PUBLICIZE_IMAGE),
    COMMUNITIZE_IMAGE(GlancePolicy.COMMUNITIZE_IMAGE),
    SHOW_IMAGE(GlancePolicy.GET_IMAGE),
    LIST_IMAGES(GlancePolicy.GET_IMAGES),
    /** Search (ADR 0014) is a listing by words: whoever may list may search, and sees the same images. */
    SEARCH_IMAGES(GlancePolicy.GET_IMAGES),
    MODIFY_IMAGE(GlancePolicy.MODIFY_IMAGE),
    DELETE_IMAGE(GlancePolicy.DELETE_IMAGE),
    DEACTIVATE_IMAGE(GlancePolicy.DEACTIVATE),
    REACTIVATE_IMAGE(GlancePolicy.REACTIVATE),
    UPLOAD_IMAGE(GlancePolicy.UPLOAD_IMAGE),
    DOWNLOAD_IMAGE(GlancePolicy.DOWNLOAD_IMAGE),
    GET_IMAGE_LOCATION(GlancePolicy.GET_IMAGE_LOCATION),
    SET_IMAGE_LOCATION(GlancePolicy.SET_IMAGE_LOCATION),
    DELETE_IMAGE_LOCATION(GlancePolicy.DELETE_IMAGE_LOCATION),
    ADD_IMAGE_LOCATION(GlancePolicy.ADD_IMAGE_LOCATION),
    FETCH_IMAGE_LOCATION(GlancePolicy.FETCH_IMAGE_LOCATION),
    STORES_INFO_DETAIL(GlancePolicy.STORES_INFO_DETAIL),
    COPY_IMAGE(GlancePolicy.COPY_IMAGE);

    private final GlancePolicy rule;

    CatalogOperation(GlancePolicy rule) {
        this.rule = rule;
    }

    public GlancePolicy rule() {
        return rule;
    }
}
