package io.glimpse.gateway.versions;

/** One entry of the version list, e.g. {@code v2.17 CURRENT}. */
public record ApiVersion(String id, Status status) {

    public enum Status {
        CURRENT,
        SUPPORTED
    }
}
