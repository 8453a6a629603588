package io.glimpse.contracts.topic;

/**
 * Kafka topic names. Every image, member, task and signature event is keyed by image id, so one image's events stay in
 * order; metadata definition events are keyed by namespace.
 */
public final class Topics {
    public static final String IMAGES = "glimpse.images";
    public static final String MEMBERS = "glimpse.members";
    public static final String TASKS = "glimpse.tasks";
    public static final String SIGNATURES = "glimpse.signatures";
    public static final String METADEFS = "glimpse.metadefs";

    private Topics() {}
}
