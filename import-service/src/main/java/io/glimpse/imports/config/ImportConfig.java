package io.glimpse.imports.config;

import io.glimpse.store.config.StoresConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Import settings that mirror Glance's import options, plus how Glimpse runs imports durably. */
@ConfigMapping(prefix = "glimpse.import")
public interface ImportConfig {

    /** The public endpoint clients use (the gateway); absolute {@code Location} headers start with it. */
    @WithDefault("http://127.0.0.1:9292")
    String publicUrl();

    /**
     * The import methods offered (Glance's enabled_import_methods), in {@code GET /v2/info/import} order. Catalog
     * reads this key too and announces the same methods on image create ({@code OpenStack-image-import-methods}).
     */
    @WithDefault("glance-direct,web-download,copy-image")
    List<String> methods();

    /**
     * The shared staging area (Glance's os_glance_staging_store): a directory every instance can read, or an S3
     * bucket. Same keys as a store of {@code glimpse.store.backends}.
     */
    StoresConfig.Backend staging();

    /** Largest image in bytes, inclusive (image_size_cap); a larger stage or import fails with 413. */
    @WithDefault("1099511627776")
    long imageSizeCap();

    /** The {@code os_hash_algo} of imported data, a hashlib name (hashing_algorithm); same as catalog's. */
    @WithDefault("sha512")
    String hashingAlgorithm();

    /** Refuse data whose detected format is not the declared disk_format (require_image_format_match). */
    @WithDefault("true")
    boolean requireImageFormatMatch();

    /** An operator policy file overriding Glance's defaults; absent means the built-in defaults. */
    Optional<String> policyFile();

    /** How long a finished task stays visible (task_time_to_live). */
    @WithDefault("48h")
    Duration taskTimeToLive();

    /** Which URLs web-download (and the legacy task import) may fetch (Glance's [import_filtering_opts]). */
    Filtering filtering();

    interface Filtering {
        /** Schemes allowed; when set, {@link #disallowedSchemes} is ignored. */
        @WithDefault("http,https")
        List<String> allowedSchemes();

        /** Schemes refused (only when no allowed schemes are set). */
        Optional<List<String>> disallowedSchemes();

        /** Hosts allowed; when set, {@link #disallowedHosts} is ignored. */
        Optional<List<String>> allowedHosts();

        /** Hosts refused (only when no allowed hosts are set). */
        Optional<List<String>> disallowedHosts();

        /** Explicit ports allowed; when set, {@link #disallowedPorts} is ignored. */
        @WithDefault("80,443")
        List<Integer> allowedPorts();

        /** Explicit ports refused (only when no allowed ports are set). */
        Optional<List<Integer>> disallowedPorts();
    }

    /** How web-download fetches: where it may connect, and its limits. */
    WebDownload webDownload();

    interface WebDownload {
        /**
         * Address ranges (CIDR) web-download may connect to although they are denied by default: loopback, private,
         * link-local, CGNAT, multicast, reserved and unique-local ranges (see AddressPolicy).
         */
        Optional<List<String>> allowedRanges();

        /** Redirects followed at most; each is filtered and its addresses checked again. */
        @WithDefault("5")
        int maxRedirects();

        /** Bound on establishing one connection. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** Bound on waiting for any byte of an answer. */
        @WithDefault("60s")
        Duration readTimeout();

        /** How often a download whose connection dropped is resumed with Range. */
        @WithDefault("3")
        int resumeAttempts();

        /** The User-Agent web-download sends. */
        @WithDefault("Glimpse-image-import/0.1 (web-download)")
        String userAgent();
    }

    /**
     * The import plugins run on imported data, in this order (Glance's {@code image_import_plugins}): any of
     * {@code image_decompression}, {@code image_conversion}, {@code inject_image_metadata}. None by default, as in
     * Glance. glance-direct and web-download imports run them; copy-image copies the image's data as it is.
     */
    Optional<List<String>> plugins();

    /** image_decompression: what a compressed upload may become. */
    Decompression decompression();

    interface Decompression {
        /**
         * Largest ratio of decompressed to compressed size: past it the data is taken for a decompression bomb and
         * the import fails. A sparse disk's zeros compress about 1000 to 1 with gzip, so the default leaves room.
         */
        @WithDefault("2000")
        long maxRatio();

        /**
         * Decompressed bytes always allowed whatever the ratio: a small, mostly empty disk compresses far better
         * than large ones do.
         */
        @WithDefault("1073741824")
        long ratioAppliesAbove();

        /** Largest decompressed size in bytes; image_size_cap applies as well. */
        @WithDefault("1099511627776")
        long maxBytes();
    }

    /** image_conversion: qemu-img convert to one output format, run under limits. */
    Conversion conversion();

    interface Conversion {
        /** The disk format imported images end in (Glance's {@code [image_conversion] output_format}). */
        @WithDefault("raw")
        String outputFormat();

        /** The qemu-img binary. */
        @WithDefault("qemu-img")
        String qemuImg();

        /** CPU seconds one qemu-img run may use (its RLIMIT_CPU). */
        @WithDefault("600")
        long cpuSeconds();

        /** Address space in bytes one qemu-img run may use (its RLIMIT_AS). */
        @WithDefault("2147483648")
        long addressSpace();

        /** Wall-clock bound on one qemu-img run; it is killed past it. */
        @WithDefault("1h")
        Duration timeout();

        /** The VMDK create-types converted (Glance's {@code [image_format] vmdk_allowed_types}); others refused. */
        @WithDefault("streamOptimized,monolithicSparse")
        List<String> vmdkAllowedTypes();

        /** Where conversion keeps its input and output files (default: the system's temporary directory). */
        Optional<String> workDirectory();
    }

    /** inject_image_metadata: properties every imported image gets. */
    Injection injection();

    interface Injection {
        /**
         * The properties to set, as {@code key:value} pairs (Glance's {@code [inject_metadata_properties] inject});
         * keys starting {@code os_glance} are dropped.
         */
        Optional<List<String>> properties();

        /** A caller with any of these roles imports without injection (Glance's {@code ignore_user_roles}). */
        @WithDefault("admin")
        List<String> ignoreUserRoles();
    }

    /** glance-download: where other regions' image services are, and what is taken from them. */
    GlanceDownload glanceDownload();

    interface GlanceDownload {
        /**
         * The image endpoint of each other region, as {@code Region=url} or {@code Region/interface=url} (there is no
         * Keystone catalog here; an entry without an interface serves every interface). Fetches to them pass the
         * same filtering and address checks as web-download.
         */
        Optional<List<String>> endpoints();

        /**
         * The X-Auth-Token sent to each region, as {@code Region=token} (a service account's there); a region without
         * one is asked without a token.
         */
        Optional<List<String>> tokens();

        /**
         * The visibilities of remote images that may be imported. The token is the service's, not the caller's, so by
         * default only images every user of the other region may see.
         */
        @WithDefault("public,community")
        List<String> visibilities();

        /** Prefixes of the remote image's properties copied (Glance's [glance_download_properties] extra_properties). */
        @WithDefault("hw_,trait:,os_distro,os_secure_boot,os_type")
        List<String> extraProperties();
    }

    /** Running imports: leases, workers and progress. */
    Work work();

    interface Work {
        /**
         * How long an import (or a stage) stays with an instance that stopped renewing it: then any instance resumes
         * it from its last finished step (an interrupted stage is reverted). At most 30 s, so a crash costs seconds.
         */
        @WithDefault("20s")
        Duration lease();

        /** How often a running import renews its lease and records its progress (at most every 2 s). */
        @WithDefault("2s")
        Duration heartbeat();

        /** How often each instance looks for imports whose lease ran out, and for expired tasks. */
        @WithDefault("5s")
        Duration sweepInterval();

        /**
         * A task the work hand-out (Kafka) has not started after this long is started by the sweep: imports go on
         * while Kafka is down.
         */
        @WithDefault("5s")
        Duration unclaimedAfter();

        /** Imports one instance runs at once; more wait in the database for a free worker here or elsewhere. */
        @WithDefault("4")
        int workers();

        /** Target stores one import writes at once; each holds one read buffer (an S3 target one part). */
        @WithDefault("4")
        int parallelStores();

        /** This instance's name in leases (defaults to host name and port). */
        Optional<String> instanceName();
    }
}
