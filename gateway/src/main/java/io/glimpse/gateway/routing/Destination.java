package io.glimpse.gateway.routing;

/** Where a public request goes, decided from its path (and a versioned {@code Accept}) alone. */
public sealed interface Destination {

    /** The version list: 200 for {@code /versions}, 300 for {@code /} and unknown versions. */
    record VersionList(int status) implements Destination {}

    /** Glance's {@code /healthcheck}. */
    record Healthcheck() implements Destination {}

    /** The Keystone identity endpoint ({@code /identity/...}), answered by the gateway itself. */
    record Identity() implements Destination {}

    /** The operator console ({@code /console/...}), served by the gateway itself. */
    record Console(RequestPath path) implements Destination {}

    /** A path that exists only between services ({@code /internal/...}): never routed. */
    record Hidden() implements Destination {}

    /**
     * An API call to authenticate and forward.
     *
     * @param path            the path as forwarded, version prefix rewritten to {@code /v2}
     * @param api             which public API it belongs to
     * @param versionInAccept the version came from {@code Accept: application/vnd.openstack.images-v2.x},
     *                        which the services do not understand, so JSON is asked for instead
     */
    record ApiCall(RequestPath path, Api api, boolean versionInAccept) implements Destination {}

    enum Api {
        /** The image API ({@code /v2/...}): needs a project-scoped token. */
        IMAGE_V2,
        /** The certificate API that signature-service serves in Barbican's place. */
        KEY_MANAGER
    }
}
