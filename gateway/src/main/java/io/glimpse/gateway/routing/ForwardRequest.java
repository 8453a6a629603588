package io.glimpse.gateway.routing;

/**
 * An admitted API call, ready to forward.
 *
 * @param path            the public path after version rewriting
 * @param token           the caller's original token, forwarded as {@code Authorization: Bearer}
 * @param versionInAccept the caller's {@code Accept} carried the API version and is replaced by JSON
 */
public record ForwardRequest(Upstream upstream, RequestPath path, String token, boolean versionInAccept) {}
