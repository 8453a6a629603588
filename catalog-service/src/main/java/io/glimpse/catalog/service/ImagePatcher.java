package io.glimpse.catalog.service;

import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageLocation;
import io.glimpse.catalog.domain.ImageStatusGraph;
import io.glimpse.catalog.domain.PatchOperation;
import io.glimpse.catalog.domain.PatchOperation.Op;
import io.glimpse.catalog.policy.ImagePolicy;
import io.glimpse.catalog.storage.LocationProbe.Probe;
import io.glimpse.contracts.model.Visibility;
import io.glimpse.policy.protection.Operation;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies validated PATCH operations to an image, in order, with the semantics of glance-v2-api.md
 * §3.3 and the property protections of §12. Unreadable properties look absent to the caller and
 * are never touched, so they survive its save.
 */
@ApplicationScoped
class ImagePatcher {
    private final ImagePolicy policy;
    private final LocationPatcher locations;

    ImagePatcher(ImagePolicy policy, LocationPatcher locations) {
        this.policy = policy;
        this.locations = locations;
    }

    /**
     * @param probes  what the URLs of location operations point at (empty without such operations)
     * @param dropped receives the locations removed, whose data is deleted after the commit
     * @return whether anything changed
     */
    boolean apply(
            Caller caller,
            Image image,
            List<PatchOperation> operations,
            Map<String, Probe> probes,
            List<ImageLocation> dropped) {
        // Fresh collections, so the entity's dirty check sees every change made in place below.
        image.properties = new java.util.LinkedHashMap<>(image.properties);
        image.tags = new ArrayList<>(image.tags);
        boolean changed = false;
        for (PatchOperation operation : operations) {
            if (operation.isLocations()) {
                changed |= locations.apply(caller, image, operation, probes, dropped);
                continue;
            }
            changed |= isBase(operation.path()) ? base(caller, image, operation) : additional(caller, image, operation);
        }
        return changed;
    }

    private boolean base(Caller caller, Image image, PatchOperation operation) {
        String key = operation.path();
        if (operation.op() == Op.REMOVE) {
            throw new GlimpseException.Forbidden("Property " + key + " may not be removed.");
        }
        if (operation.op() == Op.ADD && operation.draft04()) {
            throw new GlimpseException.Conflict("Property " + key + " already present.");
        }
        Object value = operation.value().orElse(null);
        switch (key) {
            case "name" -> {
                return set(image.name, value, () -> image.name = (String) value);
            }
            case "visibility" -> {
                policy.authorizeVisibilityChange(caller, image, (Visibility) value);
                return set(image.visibility, value, () -> image.visibility = (Visibility) value);
            }
            case "protected" -> {
                return set(image.isProtected, value, () -> image.isProtected = (Boolean) value);
            }
            case "os_hidden" -> {
                return set(image.osHidden, value, () -> image.osHidden = (Boolean) value);
            }
            case "min_disk" -> {
                return set(image.minDisk, value, () -> image.minDisk = (Integer) value);
            }
            case "min_ram" -> {
                return set(image.minRam, value, () -> image.minRam = (Integer) value);
            }
            case "owner" -> {
                policy.authorizeOwnerChange(caller);
                return set(image.owner, value, () -> image.owner = (String) value);
            }
            case "tags" -> {
                @SuppressWarnings("unchecked")
                List<String> tags = (List<String>) value;
                return set(image.tags, tags, () -> image.tags = new ArrayList<>(tags));
            }
            case "disk_format", "container_format" -> {
                if (!ImageStatusGraph.formatsEditable(image.status)) {
                    throw new GlimpseException.Forbidden(
                            "Attribute " + key + " can be only replaced for a queued image.");
                }
                return key.equals("disk_format")
                        ? set(image.diskFormat, value, () -> image.diskFormat = (String) value)
                        : set(image.containerFormat, value, () -> image.containerFormat = (String) value);
            }
            default -> throw new IllegalStateException("not a writable base property: " + key);
        }
    }

    private boolean additional(Caller caller, Image image, PatchOperation operation) {
        String key = operation.path();
        boolean stored = image.properties.containsKey(key);
        boolean visible = stored && policy.canReadProperty(caller, key);
        switch (operation.op()) {
            case REMOVE -> {
                if (!visible) {
                    throw new GlimpseException.Conflict("Property " + key + " does not exist.");
                }
                policy.authorizeProperty(caller, key, Operation.DELETE);
                image.properties.remove(key);
                return true;
            }
            case REPLACE -> {
                if (!visible) {
                    throw new GlimpseException.Conflict("Property " + key + " does not exist.");
                }
                policy.authorizeProperty(caller, key, Operation.UPDATE);
            }
            case ADD -> {
                if (visible && operation.draft04()) {
                    throw new GlimpseException.Conflict("Property " + key + " already present.");
                }
                // A hidden value is never overwritten by someone who cannot read it: that needs create *and* update.
                if (stored && !visible) {
                    throw new GlimpseException.Forbidden("Property '" + key + "' is protected");
                }
                policy.authorizeProperty(caller, key, visible ? Operation.UPDATE : Operation.CREATE);
            }
        }
        String value = (String) operation.value().orElse(null);
        boolean changed = !stored || !Objects.equals(image.properties.get(key), value);
        image.properties.put(key, value);
        return changed;
    }

    private static boolean set(Object current, Object value, Runnable assign) {
        assign.run();
        return !Objects.equals(current, value);
    }

    private static boolean isBase(String key) {
        return switch (key) {
            case "name",
                    "visibility",
                    "protected",
                    "os_hidden",
                    "min_disk",
                    "min_ram",
                    "owner",
                    "tags",
                    "disk_format",
                    "container_format" -> true;
            default -> false;
        };
    }
}
