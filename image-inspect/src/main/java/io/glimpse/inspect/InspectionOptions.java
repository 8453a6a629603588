package io.glimpse.inspect;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tunables of the inspection itself (what counts as safe), as opposed to {@link FormatPolicy},
 * which decides what to do with the result.
 *
 * @param allowedVmdkCreateTypes VMDK {@code createType} values accepted in a sparse VMDK's
 *     embedded descriptor (Glance's {@code vmdk_allowed_types}); compared case-insensitively and
 *     stored lower-case
 */
public record InspectionOptions(Set<String> allowedVmdkCreateTypes) {

    /** oslo's and Glance's default: the two single-file sparse variants. */
    public static final Set<String> DEFAULT_VMDK_CREATE_TYPES = Set.of("monolithicSparse", "streamOptimized");

    public InspectionOptions {
        allowedVmdkCreateTypes = allowedVmdkCreateTypes.stream()
                .map(type -> type.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    public static InspectionOptions defaults() {
        return new InspectionOptions(DEFAULT_VMDK_CREATE_TYPES);
    }
}
