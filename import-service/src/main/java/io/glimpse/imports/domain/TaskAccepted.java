package io.glimpse.imports.domain;

/**
 * A task this instance accepted (its hand-out committed): this instance may start it at once if a worker is free,
 * rather than after the hand-out's round trip through Kafka (about a second).
 */
public record TaskAccepted(String taskId) {}
