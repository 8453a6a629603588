package io.glimpse.catalog.domain;

import io.glimpse.contracts.model.ImageStatus;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.glimpse.contracts.model.ImageStatus.ACTIVE;
import static io.glimpse.contracts.model.ImageStatus.DEACTIVATED;
import static io.glimpse.contracts.model.ImageStatus.DELETED;
import static io.glimpse.contracts.model.ImageStatus.IMPORTING;
import static io.glimpse.contracts.model.ImageStatus.KILLED;
import static io.glimpse.contracts.model.ImageStatus.PENDING_DELETE;
import static io.glimpse.contracts.model.ImageStatus.QUEUED;
import static io.glimpse.contracts.model.ImageStatus.SAVING;
import static io.glimpse.contracts.model.ImageStatus.UPLOADING;

/**
 * The image status graph of glance-v2-api.md §2.4, as data and in one place: every status change in
 * the catalog asks {@link #allows} before its conditional update.
 */
public final class ImageStatusGraph {
    private static final Map<ImageStatus, Set<ImageStatus>> NEXT = new EnumMap<>(ImageStatus.class);

    static {
        NEXT.put(QUEUED, EnumSet.of(SAVING, UPLOADING, IMPORTING, ACTIVE, DELETED));
        NEXT.put(SAVING, EnumSet.of(ACTIVE, KILLED, DELETED, QUEUED));
        NEXT.put(UPLOADING, EnumSet.of(IMPORTING, QUEUED, DELETED));
        NEXT.put(IMPORTING, EnumSet.of(ACTIVE, DELETED, QUEUED));
        NEXT.put(ACTIVE, EnumSet.of(PENDING_DELETE, DELETED, DEACTIVATED));
        NEXT.put(KILLED, EnumSet.of(DELETED));
        NEXT.put(PENDING_DELETE, EnumSet.of(DELETED, ACTIVE));
        NEXT.put(DEACTIVATED, EnumSet.of(ACTIVE, DELETED));
        NEXT.put(DELETED, EnumSet.noneOf(ImageStatus.class));
    }

    private ImageStatusGraph() {}

    public static boolean allows(ImageStatus from, ImageStatus to) {
        return NEXT.get(from).contains(to);
    }

    /** The statuses {@code from} may move to (for messages and tests). */
    public static Set<ImageStatus> next(ImageStatus from) {
        return Set.copyOf(NEXT.get(from));
    }

    /** Statuses in which {@code disk_format} and {@code container_format} may still change (§2.2). */
    public static boolean formatsEditable(ImageStatus status) {
        return status == QUEUED || status == IMPORTING;
    }
}
