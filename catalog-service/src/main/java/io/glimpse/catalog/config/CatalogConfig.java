package io.glimpse.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** Catalog settings that mirror Glance's [DEFAULT] and [image_format] options. */
@ConfigMapping(prefix = "glimpse.catalog")
public interface CatalogConfig {

    /** The public endpoint clients use (the gateway); absolute {@code Location} headers start with it. */
    @WithDefault("http://127.0.0.1:9292")
    String publicUrl();

    /**
     * Import methods announced in {@code OpenStack-image-import-methods} (Glance's enabled_import_methods); by default
     * import-service's {@code glimpse.import.methods}, so that one setting configures both services.
     */
    @WithDefault("glance-direct,web-download,copy-image")
    List<String> importMethods();

    /** Allowed {@code disk_format} values (Glance's [image_format] disk_formats). */
    @WithDefault("ami,ari,aki,vhd,vhdx,vmdk,raw,qcow2,vdi,iso,ploop")
    List<String> diskFormats();

    /** Allowed {@code container_format} values (Glance's [image_format] container_formats). */
    @WithDefault("ami,ari,aki,bare,ovf,ova,docker,compressed")
    List<String> containerFormats();

    /** Most additional properties one image may carry; {@code os_glance*} keys do not count (image_property_quota). */
    @WithDefault("128")
    int propertyQuota();

    /** Most tags one image may carry (image_tag_quota). */
    @WithDefault("128")
    int tagQuota();

    /** An operator policy file overriding Glance's defaults; absent means the built-in defaults. */
    Optional<String> policyFile();

    /**
     * The operator's typed additional properties, in Glance's {@code schema-image.json} format; absent means
     * the copy of Glance's shipped file bundled with the catalog, {@code none} means no typed properties.
     */
    Optional<String> schemaFile();

    /** Property protections (glance-v2-api.md §12). */
    PropertyProtection propertyProtection();

    /** Listing (glance-v2-api.md §4.2). */
    Listing listing();

    /** Image data uploads (glance-v2-api.md §5.1). */
    Upload upload();

    /** Image locations (glance-v2-api.md §7). */
    Locations locations();

    /** Collecting store objects no image points at (see service/OrphanedDataScrubber). */
    Scrubber scrubber();

    /** Metadata definitions loaded at start (see service/MetadefLoader). */
    Metadefs metadefs();

    interface Metadefs {
        /**
         * A directory of Glance-format definition files ({@code *.json}, e.g. glance-common's
         * {@code /usr/share/glance-common/metadefs}) loaded at start, like {@code glance-manage db_load_metadefs}:
         * a namespace that exists already is left as it is, an invalid file is reported and nothing of it is loaded.
         * Absent: nothing is loaded.
         */
        Optional<java.nio.file.Path> loadDirectory();

        /** The owner of loaded namespaces whose file names none ({@code glance-manage} uses {@code admin}). */
        @WithDefault("admin")
        String owner();
    }

    interface Scrubber {
        /** Look for orphaned objects at all; off where the stores hold data Glimpse did not write. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Only objects written longer ago than this are candidates: an upload or a service's location is
         * registered well within it.
         */
        @WithDefault("1h")
        java.time.Duration grace();

        /** How often the stores are listed (the scheduler reads this key). */
        @WithDefault("1h")
        java.time.Duration interval();
    }

    interface Locations {
        /**
         * Show {@code locations} and allow the PATCH location operations (show_multiple_locations). A security risk
         * (OSSN-0065): locations may reveal storage and let a project point its image at other data.
         */
        @WithDefault("false")
        boolean showMultipleLocations();

        /** Show {@code direct_url}, the URL of the first location (show_image_direct_url). */
        @WithDefault("false")
        boolean showImageDirectUrl();

        /** Most locations one image may have; more → 413 (image_location_quota). */
        @WithDefault("10")
        int quota();

        /**
         * Hash the data of a location added by {@code POST /v2/images/{id}/locations} (do_secure_hash): with
         * validation data the image is active only once the hash matches; without, it is active at once and the
         * hashes follow.
         */
        @WithDefault("true")
        boolean doSecureHash();

        /**
         * A hash still unfinished this long after its last progress belongs to a catalog instance that died: another
         * one (or this one after a restart) takes it over, so no image stays importing.
         */
        @WithDefault("10m")
        java.time.Duration hashLease();

        /** How often unsettled hashes are looked for (the scheduler of LocationImportService reads this key). */
        @WithDefault("60s")
        java.time.Duration hashResumeInterval();
    }

    interface Upload {
        /** Largest image in bytes, inclusive (Glance's image_size_cap, default 1 TiB); larger uploads get 413. */
        @WithDefault("1099511627776")
        long imageSizeCap();

        /** The {@code os_hash_algo} of new uploads, a hashlib name such as {@code sha512} (hashing_algorithm). */
        @WithDefault("sha512")
        String hashingAlgorithm();

        /** Refuse data whose detected format is not the declared disk_format (require_image_format_match). */
        @WithDefault("true")
        boolean requireImageFormatMatch();

        /**
         * How long an upload in {@code saving} stays with its catalog instance without a renewal. The instance renews
         * it every {@link #leaseInterval()} while it streams; once it expired, the instance is taken to be dead and
         * the image goes back to {@code queued} with its partial data deleted.
         */
        @WithDefault("30s")
        java.time.Duration lease();

        /**
         * How often an instance renews its upload leases and looks for expired ones (the scheduler of UploadRecovery
         * reads this key); well below {@link #lease()}.
         */
        @WithDefault("10s")
        java.time.Duration leaseInterval();
    }

    interface PropertyProtection {
        /**
         * The protection file (Glance's property_protection_file); absent means no protections. A missing or
         * invalid file stops the service at start.
         */
        Optional<String> file();

        /** How the file's values read: {@code roles} or {@code policies} (property_protection_rule_format). */
        @WithDefault("roles")
        String ruleFormat();
    }

    interface Listing {
        /** Page size when the request gives no {@code limit} (limit_param_default). */
        @WithDefault("25")
        int defaultLimit();

        /** The largest page; larger limits are capped to it (api_limit_max). */
        @WithDefault("1000")
        int maxLimit();
    }
}
