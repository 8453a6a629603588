package io.glimpse.catalog.domain;

import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.model.Visibility;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An image record: Glance's base properties, additional string properties and tags. */
@Entity
@Table(name = "images")
public class Image extends PanacheEntityBase {
    @Id
    public String id;

    public String name;

    @Column(nullable = false)
    public ImageStatus status;

    @Column(nullable = false)
    public Visibility visibility;

    @Column(name = "protected", nullable = false)
    public boolean isProtected;

    @Column(name = "os_hidden", nullable = false)
    public boolean osHidden;

    public String owner;
    public String checksum;

    @Column(name = "os_hash_algo")
    public String osHashAlgo;

    @Column(name = "os_hash_value")
    public String osHashValue;

    public Long size;

    @Column(name = "virtual_size")
    public Long virtualSize;

    @Column(name = "disk_format")
    public String diskFormat;

    @Column(name = "container_format")
    public String containerFormat;

    @Column(name = "min_disk", nullable = false)
    public int minDisk;

    @Column(name = "min_ram", nullable = false)
    public int minRam;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> properties = new LinkedHashMap<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> tags = new ArrayList<>();

    /** Where the data lives, in order (V5); empty while the image has no data. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "locations", nullable = false)
    public LocationList locationList = new LocationList(List.of());

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;

    @Column(name = "event_sequence", nullable = false)
    public long eventSequence;

    /** The locations, in order; an immutable list. */
    public List<ImageLocation> locations() {
        return locationList.items();
    }

    /** Replaces the locations (a new value, so the JSON column is always seen as changed). */
    public void setLocations(List<ImageLocation> locations) {
        locationList = new LocationList(locations);
    }

    /** The ids of the stores holding the data, as the {@code stores} field lists them. */
    public List<String> storeIds() {
        return storeIdsOf(locations());
    }

    /** The ids of the stores these locations are in, each once, in location order. */
    public static List<String> storeIdsOf(List<ImageLocation> locations) {
        return locations.stream().map(ImageLocation::storeId).distinct().toList();
    }

    /** The first location in {@code storeId}, if the data is there. */
    public Optional<ImageLocation> locationIn(String storeId) {
        return locations().stream()
                .filter(location -> location.storeId().equals(storeId))
                .findFirst();
    }

    /** Advances and returns the per-image event sequence; call once per event written. */
    public long nextEventSequence() {
        return ++eventSequence;
    }
}
