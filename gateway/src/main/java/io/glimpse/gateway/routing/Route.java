package io.glimpse.gateway.routing;

/** One resolved entry of the route table. */
public record Route(PathPattern pattern, Upstream upstream) {}
