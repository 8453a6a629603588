package io.glimpse.gateway.routing;

/**
 * An admitted API call, ready to forward.
 *
 * @param path            the public path after version rewriting
 * @param token           the caller's original token, forwarded as {@code Authorization: Bearer}
 * @param versionInAccept the caller's {@code Accept} carried the API version and is replaced by JSON
 * @param maxBodyBytes    the largest body this call may carry ({@link Long#MAX_VALUE} for image data)
 */
public record ForwardRequest(
        Upstream upstream, RequestPath path, String token, boolean versionInAccept, long maxBodyBytes) {}
