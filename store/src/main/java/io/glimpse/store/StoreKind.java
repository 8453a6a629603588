package io.glimpse.store;

/** Backend types, named as Glance reports them in {@code GET /v2/info/stores/detail} ("type"). */
public enum StoreKind {
    FILE("file"),
    S3("s3");

    private final String glanceType;

    StoreKind(String glanceType) {
        this.glanceType = glanceType;
    }

    public String glanceType() {
        return glanceType;
    }
}
