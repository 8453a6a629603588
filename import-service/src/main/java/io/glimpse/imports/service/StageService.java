package io.glimpse.imports.service;

import io.glimpse.contracts.event.ImageSnapshot;
import io.glimpse.contracts.internal.ActingUser;
import io.glimpse.contracts.internal.StageBegin;
import io.glimpse.contracts.internal.StageEnd;
import io.glimpse.imports.client.CatalogClient;
import io.glimpse.imports.client.CatalogRefusal;
import io.glimpse.imports.config.ImportConfig;
import io.glimpse.imports.domain.Compression;
import io.glimpse.imports.domain.ImportPlugin;
import io.glimpse.imports.domain.StagedData;
import io.glimpse.imports.mapping.ActingUsers;
import io.glimpse.imports.repository.StagedDataRepository;
import io.glimpse.imports.repository.Transactions;
import io.glimpse.imports.storage.StagingArea;
import io.glimpse.inspect.ImageInspector;
import io.glimpse.inspect.InspectionResult;
import io.glimpse.store.HashAlgorithm;
import io.glimpse.store.ImageStore;
import io.glimpse.store.StoreConfigurationException;
import io.glimpse.store.StoreException;
import io.glimpse.store.StoredObject;
import io.glimpse.support.error.GlimpseException;
import io.glimpse.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code PUT /v2/images/{id}/stage} (glance-v2-api.md §5.3). catalog authorizes and moves the image to
 * {@code uploading}; the body then streams once into the shared staging area, digested (MD5, os_hash and, for a
 * signed image, the signature's hash) and format-inspected on the way, under a lease: if this instance dies mid-stage,
 * the sweep of any instance deletes what was staged and puts the image back to {@code queued}. Any failure does the
 * same at once.
 */
@ApplicationScoped
public class StageService {
    static final String GLANCE_DIRECT = "glance-direct";
    private static final Logger LOG = Logger.getLogger(StageService.class);

    private final ImportConfig config;
    private final CatalogClient catalog;
    private final StagingArea staging;
    private final StagedDataRepository stagedData;
    private final Heartbeats heartbeats;
    private final Instance instance;
    private final FormatChecker formats;
    private final HashAlgorithm osHash;

    public StageService(
            ImportConfig config,
            CatalogClient catalog,
            StagingArea staging,
            StagedDataRepository stagedData,
            Heartbeats heartbeats,
            Instance instance,
            FormatChecker formats) {
        this.config = config;
        this.catalog = catalog;
        this.staging = staging;
        this.stagedData = stagedData;
        this.heartbeats = heartbeats;
        this.instance = instance;
        this.formats = formats;
        this.osHash = HashAlgorithm.fromName(config.hashingAlgorithm())
                .orElseThrow(() -> new StoreConfigurationException(
                        "Unknown glimpse.import.hashing-algorithm: " + config.hashingAlgorithm()));
    }

    /**
     * @param expectedSize the announced size ({@code x-openstack-image-size}, else {@code Content-Length}), or -1
     */
    public void stage(Caller caller, String imageId, InputStream body, long expectedSize) {
        if (!config.methods().contains(GLANCE_DIRECT)) {
            throw new GlimpseException.NotFound("The glance-direct import method is not enabled.");
        }
        ActingUser user = ActingUsers.of(caller);
        String token = UUID.randomUUID().toString();
        // The attempt is recorded, under lease, before catalog hears of it: whatever happens next, the sweep can
        // find it and put the image back.
        StagedData row = Transactions.inTransaction(() -> beginAttempt(imageId, token));
        ImageSnapshot image;
        try {
            image = catalog.beginStaging(imageId, new StageBegin(user, token)).image();
        } catch (RuntimeException refused) {
            Transactions.inTransaction(() -> stagedData.delete("stageToken", token));
            throw refused;
        }
        long size;
        try (Heartbeats.Beat beat = heartbeats.start("stage of image " + imageId, () -> renew(token))) {
            ImageInspector inspector = new ImageInspector();
            FirstBytes head = new FirstBytes();
            StoredObject stored = staging.store()
                    .write(
                            token,
                            body,
                            expectedSize,
                            StagedDigests.of(osHash, image),
                            config.imageSizeCap(),
                            (buffer, offset, length) -> {
                                head.update(buffer, offset, length);
                                inspector.update(buffer, offset, length);
                            });
            recordStaged(row, stored, image, inspector.finish());
            // Compressed data is checked once image_decompression has undone the compression, at import.
            boolean decompressedAtImport = ImportPlugin.IMAGE_DECOMPRESSION.enabledIn(config.plugins())
                    && Compression.of(head.bytes()).isPresent();
            if (row.formatRejection != null && !decompressedAtImport) {
                throw new GlimpseException.UnsupportedMediaType(row.formatRejection);
            }
            size = stored.size();
        } catch (RuntimeException failure) {
            abandon(user, imageId, token);
            throw failure instanceof StoreException store ? StoreErrors.toApi(store) : failure;
        }
        settle(user, imageId, token, size);
    }

    /**
     * Reverts an abandoned staging attempt: the image back to {@code queued} if it is still in this attempt, the
     * attempt's data and record deleted. Safe to repeat; used on failure here and by the sweep for attempts whose
     * instance died.
     */
    public void abandon(ActingUser user, String imageId, String token) {
        try {
            catalog.endStaging(imageId, new StageEnd(user, token, false, 0));
        } catch (CatalogRefusal moved) {
            // Deleted, or not (or no longer) in this staging attempt: nothing to put back.
        } catch (GlimpseException.ServiceUnavailable unavailable) {
            // The record stays, its lease ended: the sweep reverts the image when catalog answers again.
            Transactions.inTransaction(() -> stagedData.lease(token, instance.name(), Duration.ZERO));
            LOG.warnf("stage of image %s: catalog unavailable, the sweep will revert it", imageId);
            return;
        }
        discard(token);
    }

    /** Deletes one attempt's staged data and its record. */
    public void discard(String token) {
        Optional<StagedData> row =
                Transactions.inSession(() -> stagedData.findById(token).map(Optional::ofNullable));
        deleteObject(token, row.map(found -> found.location));
        // A bulk delete, not an entity one: Hibernate Reactive's entity deletes race under concurrent sessions
        // (hibernate-reactive#1713).
        Transactions.inTransaction(() -> stagedData.delete("stageToken", token));
    }

    /** Deletes every attempt of an image, with its data (the image was deleted, or its import ended). */
    public void discardAll(String imageId) {
        Transactions.inSession(() -> stagedData.allFor(imageId)).forEach(row -> discard(row.stageToken));
    }

    private void deleteObject(String token, Optional<String> location) {
        ImageStore store = staging.store();
        try {
            store.delete(location.orElseGet(() -> store.locationOf(token)));
        } catch (StoreException e) {
            LOG.errorf("staged data %s not deleted: %s", token, e.toString());
        }
    }

    private void recordStaged(StagedData row, StoredObject stored, ImageSnapshot image, InspectionResult inspection) {
        row.location = stored.location();
        row.size = stored.size();
        row.checksum = stored.md5Hex();
        row.osHashAlgo = stored.hashAlgo();
        row.osHashValue = stored.hashHex();
        row.signatureHash = StagedDigests.signatureHash(image.properties())
                .map(HashAlgorithm::glanceName)
                .orElse(null);
        row.signatureDigest = stored.signatureDigest()
                .map(Base64.getEncoder()::encodeToString)
                .orElse(null);
        formats.record(row, image, inspection);
        row.state = StagedData.STAGED;
        row.leaseOwner = null;
        row.leaseUntil = null;
        row.updatedAt = now();
        Transactions.inTransaction(() -> stagedData.getSession().chain(session -> session.merge(row)));
    }

    /** Tells catalog the size; if the image left this staging attempt meanwhile (deleted, reverted), it is undone. */
    private void settle(ActingUser user, String imageId, String token, long size) {
        try {
            catalog.endStaging(imageId, new StageEnd(user, token, true, size));
        } catch (CatalogRefusal gone) {
            discard(token);
            if (gone.status() == 404) {
                throw new GlimpseException.Gone("Image " + imageId + " was deleted while its data was staged.");
            }
            throw gone;
        }
    }

    private Uni<StagedData> beginAttempt(String imageId, String token) {
        StagedData row = new StagedData();
        row.stageToken = token;
        row.imageId = imageId;
        row.state = StagedData.STAGING;
        row.createdAt = now();
        row.updatedAt = row.createdAt;
        return stagedData
                .persist(row)
                .call(() -> stagedData.flush())
                .call(() -> stagedData.lease(token, instance.name(), lease()));
    }

    private void renew(String token) {
        Transactions.inTransaction(() -> stagedData.lease(token, instance.name(), lease()));
    }

    private Duration lease() {
        return config.work().lease();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The first bytes of a stream, kept as they pass. */
    private static final class FirstBytes {
        private final byte[] head = new byte[Compression.HEAD];
        private int length;

        void update(byte[] buffer, int offset, int count) {
            int take = Math.min(count, head.length - length);
            if (take > 0) {
                System.arraycopy(buffer, offset, head, length, take);
                length += take;
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(head, length);
        }
    }
}
