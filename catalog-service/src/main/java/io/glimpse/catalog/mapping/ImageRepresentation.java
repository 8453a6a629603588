package io.glimpse.catalog.mapping;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageKeys;
import io.glimpse.catalog.domain.ImageLocation;
import io.glimpse.catalog.policy.CatalogOperation;
import io.glimpse.catalog.policy.ImagePolicy;
import io.glimpse.catalog.policy.PropertyRules;
import io.glimpse.catalog.storage.LocationOrder;
import io.glimpse.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Glance v2 JSON of an image: base properties, then every additional property at top level
 * (glance-v2-api.md §2.1). Hidden staging keys are never shown, nor properties the caller may not read (§12).
 */
@ApplicationScoped
public class ImageRepresentation {
    private static final DateTimeFormatter GLANCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    /** Bookkeeping of work in progress, never shown (Glance hides the first two too). */
    private static final Set<String> HIDDEN =
            Set.of(ImageKeys.STAGE_HOST, ImageKeys.HASH_OP_HOST, ImageKeys.HASH_OP_EXPECTED, ImageKeys.IMPORT_FENCE);

    private final PropertyRules rules;
    private final ImagePolicy policy;
    private final LocationOrder order;
    private final CatalogConfig.Locations locationConfig;

    public ImageRepresentation(PropertyRules rules, ImagePolicy policy, LocationOrder order, CatalogConfig config) {
        this.rules = rules;
        this.policy = policy;
        this.order = order;
        this.locationConfig = config.locations();
    }

    public Map<String, Object> of(Caller caller, Image image) {
        Map<String, Object> json = new LinkedHashMap<>();
        rules.readable(caller, image.properties).forEach((key, value) -> {
            if (!HIDDEN.contains(key)) {
                json.put(key, value == null ? "" : value);
            }
        });
        json.put("id", image.id);
        json.put("name", image.name);
        json.put("status", image.status.wire());
        json.put("visibility", image.visibility.wire());
        json.put("protected", image.isProtected);
        json.put("os_hidden", image.osHidden);
        json.put("checksum", image.checksum);
        json.put("os_hash_algo", image.osHashAlgo);
        json.put("os_hash_value", image.osHashValue);
        json.put("size", image.size);
        json.put("virtual_size", image.virtualSize);
        json.put("disk_format", image.diskFormat);
        json.put("container_format", image.containerFormat);
        json.put("min_disk", image.minDisk);
        json.put("min_ram", image.minRam);
        json.put("owner", image.owner);
        json.put("tags", image.tags);
        json.put("created_at", time(image.createdAt));
        json.put("updated_at", time(image.updatedAt));
        List<ImageLocation> locations = policy.visibleLocations(caller, image);
        if (!locations.isEmpty()) {
            // Glance's multi-store field: the stores holding the data, comma-separated; absent without data.
            json.put("stores", String.join(",", Image.storeIdsOf(locations)));
        }
        showLocations(caller, image, locations, json);
        json.put("self", "/v2/images/" + image.id);
        json.put("file", "/v2/images/" + image.id + "/file");
        json.put("schema", "/v2/schemas/image");
        return json;
    }

    /**
     * {@code locations} (show_multiple_locations) and {@code direct_url} (show_image_direct_url, with data only),
     * both for callers {@code get_image_location} allows; others see an empty list and no direct_url (§7.1).
     */
    private void showLocations(Caller caller, Image image, List<ImageLocation> locations, Map<String, Object> json) {
        boolean showList = locationConfig.showMultipleLocations();
        boolean showDirect = locationConfig.showImageDirectUrl() && !locations.isEmpty();
        if (!showList && !showDirect) {
            return;
        }
        boolean allowed = policy.allows(CatalogOperation.GET_IMAGE_LOCATION, caller, image);
        if (showList) {
            json.put(
                    "locations",
                    allowed
                            ? locations.stream()
                                    .map(ImageRepresentation::location)
                                    .toList()
                            : List.of());
        }
        if (showDirect && allowed) {
            json.put("direct_url", order.byWeight(locations).getFirst().url());
        }
    }

    /** A location as Glance shows it: {@code url} and {@code metadata}, nothing else. */
    public static Map<String, Object> location(ImageLocation location) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", location.url());
        json.put("metadata", location.shownMetadata());
        return json;
    }

    /** Glance's timestamp form, to the second in UTC; metadefs show theirs the same way. */
    static String time(OffsetDateTime time) {
        return GLANCE_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
