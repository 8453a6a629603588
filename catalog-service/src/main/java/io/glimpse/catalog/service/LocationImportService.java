package io.glimpse.catalog.service;

import io.glimpse.catalog.config.CatalogConfig;
import io.glimpse.catalog.domain.Image;
import io.glimpse.catalog.domain.ImageKeys;
import io.glimpse.catalog.domain.ImageLocation;
import io.glimpse.catalog.domain.ImageNotFoundException;
import io.glimpse.catalog.domain.NewLocation;
import io.glimpse.catalog.domain.NewLocation.ValidationData;
import io.glimpse.catalog.messaging.ImageEvents;
import io.glimpse.catalog.policy.CatalogOperation;
import io.glimpse.catalog.policy.ImagePolicy;
import io.glimpse.catalog.repository.ImageRepository;
import io.glimpse.catalog.storage.LocationProbe;
import io.glimpse.catalog.storage.LocationProbe.Probe;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.store.HashAlgorithm;
import io.glimpse.store.StoreRegistry;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The service-only location API (glance-v2-api.md §7.3): a consumer such as a compute or volume service registers
 * data it already put in a store, and catalog hashes it in the background ({@code do_secure_hash}). While the hash
 * runs, {@code os_glance_hash_op_host} names this host; with validation data the image stays {@code importing} until
 * the hash matches, and goes back to {@code queued} with nothing left otherwise. The expected hash is kept (hidden)
 * with the image, so a hash interrupted by a crash is resumed: by this host when it restarts, by any instance once
 * the hash lease has passed.
 */
@ApplicationScoped
public class LocationImportService {
    private static final Logger LOG = Logger.getLogger(LocationImportService.class);
    private static final String HASH_OP_HOST = ImageKeys.HASH_OP_HOST;
    private static final String HASH_OP_EXPECTED = ImageKeys.HASH_OP_EXPECTED;
    private static final int READ_ATTEMPTS = 3;

    private final ImageLookup lookup;
    private final ImagePolicy policy;
    private final ImageRepository images;
    private final ImageEvents events;
    private final LocationProbe probe;
    private final StoreRegistry stores;
    private final CatalogConfig config;
    private final String host = CatalogItself.hostName();
    /** Images this instance is hashing now. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** Two hashing jobs at a time: each reads a whole image, and the machine has other work. */
    private final ExecutorService hashers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "location-hash");
        thread.setDaemon(true);
        return thread;
    });

    public LocationImportService(
            ImageLookup lookup,
            ImagePolicy policy,
            ImageRepository images,
            ImageEvents events,
            LocationProbe probe,
            StoreRegistry stores,
            CatalogConfig config) {
        this.lookup = lookup;
        this.policy = policy;
        this.images = images;
        this.events = events;
        this.probe = probe;
        this.stores = stores;
        this.config = config;
    }

    @PreDestroy
    void stop() {
        hashers.shutdownNow();
    }

    /**
     * {@code GET /v2/images/{id}/locations}: {@code fetch_image_location} (service or admin), else 403; a deactivated
     * image has none for a service that is not an admin, as in Glance.
     */
    @WithSession
    public Uni<List<ImageLocation>> locations(Caller caller, String id) {
        return lookup.forServiceApi(CatalogOperation.FETCH_IMAGE_LOCATION, caller, id)
                .map(image -> policy.visibleLocations(caller, image));
    }

    /** {@code POST /v2/images/{id}/locations} → 202. Blocking: the URL is looked up in its store. */
    public void add(Caller caller, String id, NewLocation location) {
        Image image = ImageUploadService.await(
                () -> Panache.withSession(() -> lookup.forServiceApi(CatalogOperation.ADD_IMAGE_LOCATION, caller, id)));
        requireQueued(image);
        if (!caller.hasRole("service")) {
            // Glance lets other callers add http(s) URLs when its read-only http store is configured; Glimpse has
            // no http store, so only services register locations.
            throw new GlimpseException.Forbidden(
                    "Only a service may add locations: the http store is not " + "configured.");
        }
        Probe found = probe.probe(location.url()).require();
        boolean hashing = config.locations().doSecureHash();
        Image added = ImageUploadService.await(() -> Panache.withTransaction(() ->
                images.findLiveForUpdate(id).chain(locked -> register(caller, locked, location, found, hashing))));
        if (hashing) {
            start(caller, id, added.locations().getFirst(), location.validationData());
        }
    }

    /**
     * Takes over unsettled hashes: those this host started before it restarted, and those whose lease passed
     * (their instance died). Each is claimed in a transaction first, so two instances never both take one.
     */
    @Scheduled(
            every = "${glimpse.catalog.locations.hash-resume-interval:60s}",
            delayed = "5s",
            identity = "location-hash-resume",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeUnsettledHashes() {
        List<Image> unsettled = ImageUploadService.await(() -> Panache.withSession(images::withHashInProgress));
        OffsetDateTime staleBefore =
                OffsetDateTime.now().minus(config.locations().hashLease());
        for (Image image : unsettled) {
            boolean ours = host.equals(image.properties.get(HASH_OP_HOST));
            if (running.contains(image.id)
                    || (!ours && !image.updatedAt.isBefore(staleBefore))
                    || image.locations().isEmpty()) {
                continue;
            }
            try {
                Image claimed = ImageUploadService.await(() -> Panache.withTransaction(
                        () -> images.findLiveForUpdate(image.id).invoke(locked -> claim(locked, image.updatedAt))));
                if (claimed != null) {
                    LOG.infof(
                            "image %s: resuming the hash of %s left by %s",
                            image.id, claimed.locations().getFirst().url(), image.properties.get(HASH_OP_HOST));
                    start(CatalogItself.caller(), image.id, claimed.locations().getFirst(), expected(claimed));
                }
            } catch (ImageNotFoundException deleted) {
                // gone meanwhile
            }
        }
    }

    /** The locked image with this host as its hash op host, or null when another instance changed it meanwhile. */
    private Image claim(Image image, OffsetDateTime seenAt) {
        if (!image.properties.containsKey(HASH_OP_HOST) || !image.updatedAt.isEqual(seenAt)) {
            return null;
        }
        Map<String, String> properties = new LinkedHashMap<>(image.properties);
        properties.put(HASH_OP_HOST, host);
        image.properties = properties;
        image.updatedAt = Clock.now();
        return image;
    }

    private static Optional<ValidationData> expected(Image image) {
        return Optional.ofNullable(image.properties.get(HASH_OP_EXPECTED))
                .map(value -> value.split(":", 2))
                .map(parts -> new ValidationData(Optional.empty(), parts[0], parts[1]));
    }

    private void start(Caller caller, String id, ImageLocation location, Optional<ValidationData> expected) {
        if (running.add(id)) {
            hashers.submit(() -> {
                try {
                    hash(caller, id, location, expected);
                } finally {
                    running.remove(id);
                }
            });
        }
    }

    private Uni<Image> register(Caller caller, Image image, NewLocation location, Probe found, boolean hashing) {
        requireQueued(image);
        if (image.diskFormat == null || image.containerFormat == null) {
            throw new GlimpseException.BadRequest(
                    "Properties disk_format, container_format must be set prior to " + "saving data.");
        }
        Optional<ValidationData> expected = location.validationData();
        image.setLocations(
                List.of(new ImageLocation(location.url(), found.storeId().orElseThrow(), "active", Map.of())));
        image.size = found.size();
        image.updatedAt = Clock.now();
        if (hashing) {
            Map<String, String> properties = new LinkedHashMap<>(image.properties);
            properties.put(HASH_OP_HOST, host);
            expected.ifPresent(data -> properties.put(HASH_OP_EXPECTED, data.osHashAlgo() + ":" + data.osHashValue()));
            image.properties = properties;
        } else {
            expected.ifPresent(data -> {
                image.osHashAlgo = data.osHashAlgo();
                image.osHashValue = data.osHashValue();
            });
        }
        // With validation data and hashing, the image is usable only once its data proved to be what was promised.
        image.status = hashing && expected.isPresent() ? ImageStatus.IMPORTING : ImageStatus.ACTIVE;
        Uni<Void> recorded = events.record(EventTypes.IMAGE_UPDATE, image, caller);
        if (image.status == ImageStatus.ACTIVE) {
            recorded = recorded.chain(() -> events.record(EventTypes.IMAGE_ACTIVATE, image, caller));
        }
        return recorded.replaceWith(image);
    }

    /** The background hash: reads the data once (retrying a failed read), then settles the image. */
    void hash(Caller caller, String id, ImageLocation location, Optional<ValidationData> expected) {
        Map<HashAlgorithm, String> digests = Map.of();
        for (int attempt = 1; attempt <= READ_ATTEMPTS && digests.isEmpty(); attempt++) {
            try {
                digests = digest(location, expected);
            } catch (IOException | RuntimeException e) {
                LOG.warnf(
                        "image %s: hashing %s failed (attempt %d of %d): %s",
                        id, location.url(), attempt, READ_ATTEMPTS, e.toString());
            }
        }
        Map<HashAlgorithm, String> computed = digests;
        boolean matches = !computed.isEmpty()
                && expected.map(data -> HashAlgorithm.fromName(data.osHashAlgo())
                                .map(computed::get)
                                .map(data.osHashValue()::equalsIgnoreCase)
                                .orElse(false))
                        .orElse(true);
        try {
            ImageUploadService.await(() -> Panache.withTransaction(() -> images.findLiveForUpdate(id)
                    .chain(image -> settle(caller, image, location, computed, expected.isPresent(), matches))));
        } catch (ImageNotFoundException deleted) {
            LOG.infof("image %s was deleted while its location was hashed", id);
        } catch (RuntimeException e) {
            LOG.errorf("image %s: the hash of its location could not be recorded: %s", id, e.toString());
        }
    }

    private Uni<Void> settle(
            Caller caller,
            Image image,
            ImageLocation location,
            Map<HashAlgorithm, String> computed,
            boolean validated,
            boolean matches) {
        if (!image.properties.containsKey(HASH_OP_HOST) || !image.locations().contains(location)) {
            return Uni.createFrom().voidItem(); // the image changed meanwhile: nothing of ours to settle
        }
        Map<String, String> properties = new LinkedHashMap<>(image.properties);
        properties.remove(HASH_OP_HOST);
        properties.remove(HASH_OP_EXPECTED);
        image.properties = properties;
        image.updatedAt = Clock.now();
        HashAlgorithm osHash = osHash();
        if (validated && !matches) {
            LOG.warnf(
                    "image %s: data at %s does not match its validation data; back to queued",
                    image.id, location.url());
            image.status = ImageStatus.QUEUED;
            image.setLocations(List.of());
            image.size = null;
            image.checksum = null;
            image.osHashAlgo = null;
            image.osHashValue = null;
            return events.record(EventTypes.IMAGE_UPDATE, image, caller);
        }
        if (!computed.isEmpty()) {
            image.checksum = computed.get(HashAlgorithm.MD5);
            image.osHashAlgo = osHash.glanceName();
            image.osHashValue = computed.get(osHash);
        }
        boolean activating = image.status == ImageStatus.IMPORTING;
        image.status = ImageStatus.ACTIVE;
        Uni<Void> recorded = events.record(EventTypes.IMAGE_UPDATE, image, caller);
        return activating ? recorded.chain(() -> events.record(EventTypes.IMAGE_ACTIVATE, image, caller)) : recorded;
    }

    private Map<HashAlgorithm, String> digest(ImageLocation location, Optional<ValidationData> expected)
            throws IOException {
        Map<HashAlgorithm, MessageDigest> digests = new EnumMap<>(HashAlgorithm.class);
        digests.put(HashAlgorithm.MD5, HashAlgorithm.MD5.newDigest());
        digests.computeIfAbsent(osHash(), HashAlgorithm::newDigest);
        expected.flatMap(data -> HashAlgorithm.fromName(data.osHashAlgo()))
                .ifPresent(algorithm -> digests.computeIfAbsent(algorithm, HashAlgorithm::newDigest));
        byte[] buffer = new byte[1 << 20];
        try (InputStream data = stores.get(location.storeId()).read(location.url(), Optional.empty())) {
            for (int read = data.read(buffer); read >= 0; read = data.read(buffer)) {
                for (MessageDigest digest : digests.values()) {
                    digest.update(buffer, 0, read);
                }
            }
        }
        Map<HashAlgorithm, String> hex = new EnumMap<>(HashAlgorithm.class);
        digests.forEach((algorithm, digest) -> hex.put(algorithm, HexFormat.of().formatHex(digest.digest())));
        return hex;
    }

    private HashAlgorithm osHash() {
        return HashAlgorithm.fromName(config.upload().hashingAlgorithm()).orElseThrow();
    }

    private static void requireQueued(Image image) {
        if (image.status != ImageStatus.QUEUED) {
            throw new GlimpseException.Conflict("Image " + image.id + " is not in queued state; locations can only "
                    + "be added to a queued image.");
        }
    }
}
