package io.glimpse.imports.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * One staging attempt of an image's data (glance-v2-api.md §5.3; copy-image's copy too), recorded before catalog is
 * asked. While {@code staging}, the attempt holds a lease; once {@code staged}, what the one pass over the data found is
 * kept here for the import: size, digests, the signature digest when the image was signed, and the format inspection.
 * The staged object is named after {@link #stageToken}, so one attempt's cleanup never touches another's data.
 */
@Entity
@Table(name = "staged_data")
public class StagedData extends PanacheEntityBase {
    public static final String STAGING = "staging";
    public static final String STAGED = "staged";
    /** Made from the staged data by an import plugin (decompressed, converted); goes with the import's end. */
    public static final String TRANSFORMED = "transformed";

    @Id
    @Column(name = "stage_token")
    public String stageToken;

    @Column(name = "image_id", nullable = false)
    public String imageId;

    @Column(nullable = false)
    public String state;

    public String location;
    public Long size;
    public String checksum;

    @Column(name = "os_hash_algo")
    public String osHashAlgo;

    @Column(name = "os_hash_value")
    public String osHashValue;

    /** The hash method the signature digest was computed with ({@code img_signature_hash_method}), if any. */
    @Column(name = "signature_hash")
    public String signatureHash;

    /** Base64 of that digest. */
    @Column(name = "signature_digest")
    public String signatureDigest;

    @Column(name = "detected_format")
    public String detectedFormat;

    @Column(name = "virtual_size")
    public Long virtualSize;

    /** {@code safe}, or the failed safety checks. */
    @Column(name = "format_safety")
    public String formatSafety;

    /** The disk_format the data was checked against while staging (null when none was set then). */
    @Column(name = "checked_disk_format")
    public String checkedDiskFormat;

    /** Why the data does not suit {@link #checkedDiskFormat}, or null when it does. */
    @Column(name = "format_rejection")
    public String formatRejection;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
