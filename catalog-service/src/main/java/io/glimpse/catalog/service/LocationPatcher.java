package io.glimpse.catalog.service;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageLocation;
import io.glimpse.catalog.domain.NewLocation;
import io.glimpse.catalog.domain.PatchOperation;
import io.glimpse.catalog.policy.CatalogOperation;
import io.glimpse.catalog.policy.ImagePolicy;
import io.glimpse.catalog.storage.LocationProbe.Probe;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.store.HashAlgorithm;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The legacy PATCH location operations (glance-v2-api.md §7.2), in Glance's order of checks: visibility of locations
 * (403), policy (403), image status (409), position (400), the location itself (400), quota (413). An add to a queued
 * image activates it with the size found in the store; no data is read, so no hash is computed (as in Glance).
 */
@ApplicationScoped
class LocationPatcher {
    private final ImagePolicy policy;
    private final CatalogConfig config;

    LocationPatcher(ImagePolicy policy, CatalogConfig config) {
        this.policy = policy;
        this.config = config;
    }

    /**
     * @param probes  what each URL of the operations points at, found before the transaction
     * @param dropped receives removed locations, whose data goes once the change committed
     */
    boolean apply(
            Caller caller,
            Image image,
            PatchOperation operation,
            Map<String, Probe> probes,
            List<ImageLocation> dropped) {
        String verb = operation.op().name().toLowerCase(Locale.ROOT);
        if (!config.locations().showMultipleLocations()) {
            throw new GlimpseException.Forbidden(
                    "It's not allowed to " + verb + " locations if locations are invisible.");
        }
        return switch (operation.op()) {
            case ADD -> add(caller, image, operation, probes);
            case REPLACE -> replace(caller, image, operation, probes);
            case REMOVE -> remove(caller, image, operation, dropped);
        };
    }

    private boolean add(Caller caller, Image image, PatchOperation operation, Map<String, Probe> probes) {
        policy.authorizeAlso(CatalogOperation.SET_IMAGE_LOCATION, caller, image);
        requireQueuedOrActive(image, "add");
        int position = position(
                        operation.position().orElseThrow(), image.locations().size(), true)
                .orElseThrow(() -> new GlimpseException.BadRequest("Invalid position for adding a location."));
        NewLocation added = (NewLocation) operation.value().orElseThrow();
        applyValidationData(image, List.of(added));
        List<ImageLocation> locations = new ArrayList<>(image.locations());
        locations.add(position, located(image, added, probes));
        setLocations(image, locations);
        return true;
    }

    private boolean replace(Caller caller, Image image, PatchOperation operation, Map<String, Probe> probes) {
        policy.authorizeAlso(CatalogOperation.SET_IMAGE_LOCATION, caller, image);
        @SuppressWarnings("unchecked")
        List<NewLocation> wanted = (List<NewLocation>) operation.value().orElseThrow();
        if (wanted.isEmpty()) {
            throw new GlimpseException.Forbidden("Cannot replace locations with an empty list.");
        }
        requireQueuedOrActive(image, "replace");
        applyValidationData(image, wanted);
        if (!image.locations().isEmpty()) {
            Set<String> current = new LinkedHashSet<>(
                    image.locations().stream().map(ImageLocation::url).toList());
            Set<String> next =
                    new LinkedHashSet<>(wanted.stream().map(NewLocation::url).toList());
            if (!current.equals(next) || next.size() != wanted.size()) {
                throw new GlimpseException.BadRequest("Original locations is not empty: " + String.join(", ", current));
            }
            // Only metadata may change; each location keeps its store and status.
            List<ImageLocation> updated = wanted.stream()
                    .map(location -> image.locations().stream()
                            .filter(existing -> existing.url().equals(location.url()))
                            .findFirst()
                            .orElseThrow()
                            .withMetadata(withoutStore(location.metadata())))
                    .toList();
            boolean changed = !updated.equals(image.locations());
            image.setLocations(updated);
            return changed;
        }
        List<ImageLocation> locations = new ArrayList<>();
        for (NewLocation location : wanted) {
            if (locations.stream().anyMatch(existing -> existing.url().equals(location.url()))) {
                throw new GlimpseException.BadRequest("The location " + location.url() + " already exists");
            }
            locations.add(located(image, location, probes));
        }
        setLocations(image, locations);
        return true;
    }

    private boolean remove(Caller caller, Image image, PatchOperation operation, List<ImageLocation> dropped) {
        policy.authorizeAlso(CatalogOperation.DELETE_IMAGE_LOCATION, caller, image);
        if (image.status != ImageStatus.ACTIVE) {
            throw new GlimpseException.Conflict(
                    "It's not allowed to remove locations if image status is " + image.status.wire() + ".");
        }
        int position = position(
                        operation.position().orElseThrow(), image.locations().size(), false)
                .orElseThrow(() -> new GlimpseException.BadRequest("Invalid position for removing a location."));
        if (image.locations().size() == 1) {
            throw new GlimpseException.Forbidden("Cannot remove last location in the image.");
        }
        List<ImageLocation> locations = new ArrayList<>(image.locations());
        dropped.add(locations.remove(position));
        image.setLocations(List.copyOf(locations));
        return true;
    }

    private static void requireQueuedOrActive(Image image, String verb) {
        if (image.status != ImageStatus.QUEUED && image.status != ImageStatus.ACTIVE) {
            throw new GlimpseException.Conflict(
                    "It's not allowed to " + verb + " locations if image status is " + image.status.wire() + ".");
        }
    }

    /** The location as stored: its store and, for a queued image, the size it gives the image. */
    private ImageLocation located(Image image, NewLocation location, Map<String, Probe> probes) {
        if (image.locations().stream().anyMatch(existing -> existing.url().equals(location.url()))) {
            throw new GlimpseException.BadRequest("The location " + location.url() + " already exists");
        }
        Probe probe = probes.get(location.url()).require();
        if (image.size == null) {
            image.size = probe.size();
        }
        return new ImageLocation(
                location.url(), probe.storeId().orElseThrow(), "active", withoutStore(location.metadata()));
    }

    private void setLocations(Image image, List<ImageLocation> locations) {
        if (locations.size() > config.locations().quota()) {
            throw new GlimpseException.TooLarge(
                    "Maximum number of locations (" + config.locations().quota() + ") exceeded.");
        }
        if (image.status == ImageStatus.QUEUED) {
            if (image.diskFormat == null || image.containerFormat == null) {
                throw new GlimpseException.BadRequest(
                        "Properties disk_format, container_format must be set prior to " + "saving data.");
            }
            image.status = ImageStatus.ACTIVE;
        }
        image.setLocations(List.copyOf(locations));
    }

    /**
     * Glance's {@code _validate_validation_data}: values must agree across the request and with the image (409),
     * new ones only while queued, of the configured algorithm and the right sizes; identical ones are ignored.
     */
    private void applyValidationData(Image image, List<NewLocation> locations) {
        Map<String, String> given = new LinkedHashMap<>();
        for (NewLocation location : locations) {
            location.validationData().ifPresent(data -> {
                agree(given, "checksum", data.checksum().orElse(null));
                agree(given, "os_hash_algo", data.osHashAlgo());
                agree(given, "os_hash_value", data.osHashValue());
            });
        }
        Map<String, String> current = new LinkedHashMap<>();
        current.put("checksum", image.checksum);
        current.put("os_hash_algo", image.osHashAlgo);
        current.put("os_hash_value", image.osHashValue);
        Map<String, String> fresh = new LinkedHashMap<>();
        given.forEach((key, value) -> {
            String existing = current.get(key);
            if (Objects.equals(existing, value)) {
                return;
            }
            if (existing != null) {
                throw new GlimpseException.Conflict(key + " is already set with a different value");
            }
            fresh.put(key, value);
        });
        if (fresh.isEmpty()) {
            return;
        }
        if (image.status != ImageStatus.QUEUED) {
            throw new GlimpseException.Conflict("New value(s) for " + String.join(", ", fresh.keySet())
                    + " may only be provided when image status is 'queued'");
        }
        Optional.ofNullable(fresh.get("checksum"))
                .ifPresent(checksum -> requireHexOfLength(checksum, "checksum", 16, "md5"));
        String algorithm = given.getOrDefault("os_hash_algo", image.osHashAlgo);
        if (fresh.containsKey("os_hash_algo") || fresh.containsKey("os_hash_value")) {
            String configured = config.upload().hashingAlgorithm();
            if (!configured.equals(algorithm)) {
                throw new GlimpseException.Conflict("os_hash_algo must be " + configured + ", not " + algorithm);
            }
            int digestLength = HashAlgorithm.fromName(configured).orElseThrow().digestLength();
            requireHexOfLength(given.get("os_hash_value"), "os_hash_value", digestLength, configured);
        }
        image.checksum = given.getOrDefault("checksum", image.checksum);
        image.osHashAlgo = given.getOrDefault("os_hash_algo", image.osHashAlgo);
        image.osHashValue = given.getOrDefault("os_hash_value", image.osHashValue);
    }

    private static void agree(Map<String, String> given, String key, String value) {
        if (value == null) {
            return;
        }
        String earlier = given.putIfAbsent(key, value);
        if (earlier != null && !earlier.equals(value)) {
            throw new GlimpseException.Conflict("Conflicting values for " + key);
        }
    }

    private static void requireHexOfLength(String value, String key, int bytes, String algorithm) {
        byte[] parsed;
        try {
            parsed = HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw new GlimpseException.Conflict(key + " (" + value + ") is not a valid hexadecimal value");
        }
        if (parsed.length != bytes) {
            throw new GlimpseException.Conflict(key + " (" + value + ") is not the correct size for " + algorithm
                    + " (should be " + bytes + " bytes)");
        }
    }

    /** {@code store} is ours to say (the store that owns the URL), never the client's. */
    private static Map<String, Object> withoutStore(Map<String, Object> metadata) {
        Map<String, Object> copy = new LinkedHashMap<>(metadata);
        copy.remove("store");
        return copy;
    }

    /** Glance's {@code _get_locations_op_pos}: an index in range, or {@code -} for the end when adding. */
    private static Optional<Integer> position(String given, int size, boolean adding) {
        if (given.equals("-")) {
            return adding ? Optional.of(size) : Optional.empty();
        }
        try {
            int index = Integer.parseInt(given);
            int limit = adding ? size : size - 1;
            return index >= 0 && index <= limit ? Optional.of(index) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
