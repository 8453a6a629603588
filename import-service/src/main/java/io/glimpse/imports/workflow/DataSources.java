package io.glimpse.imports.workflow;

import io.glimpse.contracts.event.ImageSnapshot;
import io.glimpse.contracts.internal.StoredLocation;
import io.glimpse.imports.client.AddressPolicy;
import io.glimpse.imports.client.WebFetcher;
import io.glimpse.imports.config.ImportConfig;
import io.glimpse.imports.domain.ImportStep;
import io.glimpse.imports.domain.StagedData;
import io.glimpse.imports.domain.StepStatus;
import io.glimpse.imports.mapping.ExpectedDigest;
import io.glimpse.imports.mapping.ImportUriFilter;
import io.glimpse.imports.repository.StagedDataRepository;
import io.glimpse.imports.repository.Transactions;
import io.glimpse.imports.service.FormatChecker;
import io.glimpse.imports.service.StagedDigests;
import io.glimpse.imports.storage.StagingArea;
import io.glimpse.inspect.ImageInspector;
import io.glimpse.store.ByteSink;
import io.glimpse.store.DigestSpec;
import io.glimpse.store.HashAlgorithm;
import io.glimpse.store.ImageStore;
import io.glimpse.store.StoreException;
import io.glimpse.store.StoreRegistry;
import io.glimpse.store.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code acquire} step: the import's data in the staging area, by method. glance-direct finds what the stage put
 * there. copy-image copies the image's data from the store that serves it, digesting it on the way (or links the
 * source's file when staging shares its file system, then digests the link), and refuses a copy whose checksum is
 * not the image's (a store that corrupted the data must not spread it). web-download fetches the
 * URL's bytes (see {@link WebFetcher}).
 */
@ApplicationScoped
public class DataSources {
    private final StagedDataRepository stagedData;
    private final StagingArea staging;
    private final StoreRegistry stores;
    private final FormatChecker formats;
    private final ImportConfig config;
    private final WebFetcher fetcher;
    private final RemoteImages remoteImages;

    public DataSources(
            StagedDataRepository stagedData,
            StagingArea staging,
            StoreRegistry stores,
            FormatChecker formats,
            ImportConfig config,
            ImportUriFilter uriFilter) {
        this.stagedData = stagedData;
        this.staging = staging;
        this.stores = stores;
        this.formats = formats;
        this.config = config;
        ImportConfig.WebDownload web = config.webDownload();
        this.fetcher = new WebFetcher(
                new AddressPolicy(web.allowedRanges().orElse(List.of())),
                uriFilter::passes,
                InetAddress::getAllByName,
                new WebFetcher.Settings(
                        web.maxRedirects(),
                        web.connectTimeout(),
                        web.readTimeout(),
                        web.resumeAttempts(),
                        web.userAgent()));
        this.remoteImages = new RemoteImages(config.glanceDownload(), fetcher);
    }

    /** The data in staging, and what its source says the image is (glance-download: the remote image's formats). */
    record Acquired(StagedData data, ImageChanges changes) {}

    Acquired acquire(ImportRun run) {
        String imageId = run.task().imageId;
        Optional<StagedData> staged =
                Transactions.inSession(() -> stagedData.stagedFor(imageId)).filter(row -> row.location != null);
        String method = run.task().method;
        Optional<ImportStep> acquired = run.recorded(ImportRun.ACQUIRE, null);
        // What an earlier attempt of this task fetched and recorded (copy-image, web-download, glance-download).
        Optional<Acquired> fetchedBefore = staged.filter(
                        row -> row.stageToken.equals(run.taskId()) && acquired.isPresent())
                .map(row -> new Acquired(row, ImageChanges.fromRecord(acquired.get().result)));
        Acquired result = switch (method) {
            case "glance-direct" ->
                staged.filter(row -> staging.store().exists(row.location))
                        .map(row -> new Acquired(row, ImageChanges.NONE))
                        .orElseThrow(() -> new ImportFailure(
                                "No staged data found for image " + imageId + "; stage the data again."));
            case "copy-image" -> fetchedBefore.orElseGet(() -> new Acquired(copyToStaging(run), ImageChanges.NONE));
            case "web-download" -> fetchedBefore.orElseGet(() -> new Acquired(download(run), ImageChanges.NONE));
            case "glance-download" -> fetchedBefore.orElseGet(() -> glanceDownload(run));
            default -> throw ImportFailure.noData("Import method " + method + " is not available in this deployment.");
        };
        run.progress().phase("stage", null, result.data().size).done();
        if (acquired.isEmpty()) {
            // The source's changes are recorded with the data, so a resumed attempt applies the same.
            Map<String, String> record = new HashMap<>(result.changes().toRecord());
            record.put("location", result.data().location);
            run.record(ImportRun.ACQUIRE, null, StepStatus.DONE, record);
        }
        return result;
    }

    private StagedData copyToStaging(ImportRun run) {
        ImageSnapshot image = run.plan().image().image();
        StoredLocation source = source(run.plan().locations())
                .orElseThrow(() -> new ImportFailure("No store holding image " + image.id() + " is reachable."));
        ImageStore from = stores.get(source.storeId());
        ImageStore stagingStore = staging.store();
        // Staged under the task's id: an earlier attempt's partial copy is replaced, nothing else is touched.
        stagingStore.delete(stagingStore.locationOf(run.taskId()));
        Progress.Phase phase = run.progress().phase("download", source.storeId(), image.size());
        phase.running();
        run.progress().say("Copying the data from store " + source.storeId() + " to staging");
        ImageInspector inspector = new ImageInspector();
        HashAlgorithm osHash = HashAlgorithm.fromName(image.osHashAlgo())
                .or(() -> HashAlgorithm.fromName(config.hashingAlgorithm()))
                .orElse(HashAlgorithm.SHA512);
        DigestSpec digests = StagedDigests.of(osHash, image);
        ByteSink observer = (buffer, offset, length) -> {
            run.checkGoingOn();
            inspector.update(buffer, offset, length);
            phase.add(length);
        };
        StoredObject copied;
        try {
            if (image.size() != null && image.size() <= config.imageSizeCap() && stagingStore.linksFrom(from)) {
                // Staging and the source share a file system: the staged data is a link to the source's file (no
                // byte written), and the bytes checked are exactly the ones staged. An image over the cap takes the
                // streaming way below, which refuses it as every other import is refused.
                String staged = stagingStore.copyFrom(from, source.url(), run.taskId(), image.size(), bytes -> {});
                copied = image.osHashValue() != null
                                && image.checksum() != null
                                && digests.signatureHash().isEmpty()
                        ? checkAgainstOsHash(stagingStore, staged, image, digests.osHash(), observer)
                        : stagingStore.digest(staged, digests, observer);
            } else {
                try (InputStream data = from.read(source.url(), Optional.empty())) {
                    copied = stagingStore.write(
                            run.taskId(),
                            data,
                            image.size() == null ? -1 : image.size(),
                            digests,
                            config.imageSizeCap(),
                            observer);
                }
            }
        } catch (IOException | StoreException e) {
            // A write leaves nothing behind when it fails; a link whose digest failed must not stay either (and if
            // staging cannot delete it now, the next attempt deletes it before it starts).
            try {
                stagingStore.delete(stagingStore.locationOf(run.taskId()));
            } catch (StoreException cleanup) {
                e.addSuppressed(cleanup);
            }
            phase.failed();
            throw new ImportFailure(
                    "Copying the data of image " + image.id() + " from store " + source.storeId() + " failed: "
                            + e.getMessage(),
                    e);
        }
        if (!copied.md5Hex().equals(image.checksum())
                || (image.osHashValue() != null && !copied.hashHex().equals(image.osHashValue()))) {
            stagingStore.delete(copied.location());
            phase.failed();
            throw new ImportFailure("The data of image " + image.id() + " in store " + source.storeId()
                    + " does not match its checksum; it is not copied.");
        }
        phase.done();
        return recordStaged(run, image, copied, inspector);
    }

    /**
     * The one pass over a linked copy of an image with an os_hash_value (and no signature): that digest alone, not MD5
     * as well. Data with the image's os_hash_value (SHA-512 unless the operator chose otherwise) is the image's data,
     * so its checksum is the image's: half the CPU of digesting both (2.7 CPU-s per GiB here). The caller compares the
     * result with the image as for any copy.
     */
    private static StoredObject checkAgainstOsHash(
            ImageStore store, String location, ImageSnapshot image, HashAlgorithm osHash, ByteSink observer) {
        byte[] digest = store.digestOf(location, osHash, observer);
        return new StoredObject(
                store.id(),
                location,
                image.size(),
                image.checksum(),
                osHash.glanceName(),
                HexFormat.of().formatHex(digest),
                Optional.empty());
    }

    /**
     * web-download: the URL's bytes into staging, through {@link WebFetcher} (every hop filtered, every address
     * checked), digested and inspected on the way like an upload. Data that cannot be had fails every target store.
     */
    private StagedData download(ImportRun run) {
        ImageSnapshot image = run.plan().image().image();
        List<ExpectedDigest> expected =
                methodOf(run).flatMap(ExpectedDigest::of).stream().toList();
        return fetch(run, image, uriOf(run), Map.of(), expected, "its validation_data expects");
    }

    /**
     * glance-download: the remote image's metadata, then its data, from the region's configured endpoint through
     * the same {@link WebFetcher}; the data must have the remote checksum and os_hash_value (beyond Glance).
     */
    private Acquired glanceDownload(ImportRun run) {
        ImageSnapshot image = run.plan().image().image();
        Map<?, ?> method = methodOf(run).orElseThrow();
        RemoteImages.Remote remote = remoteImages.describe(method);
        ImageSnapshot asImported = remote.changes().applyTo(image);
        run.progress().say("Importing image " + remote.id() + " of region " + remote.region());
        StagedData data = fetch(
                run,
                asImported,
                remote.dataUrl(),
                remote.headers(),
                remote.digests(),
                "image " + remote.id() + " has in region " + remote.region());
        return new Acquired(data, remote.changes());
    }

    /** Fetches {@code url} into staging, digested and inspected on the way, and checks the digests expected. */
    private StagedData fetch(
            ImportRun run,
            ImageSnapshot image,
            String url,
            Map<String, String> headers,
            List<ExpectedDigest> expected,
            String whoExpects) {
        ImageStore stagingStore = staging.store();
        stagingStore.delete(stagingStore.locationOf(run.taskId()));
        run.progress().say("Downloading the data from " + url);
        ImageInspector inspector = new ImageInspector();
        HashAlgorithm osHash = HashAlgorithm.fromName(config.hashingAlgorithm()).orElse(HashAlgorithm.SHA512);
        DigestSpec digests = StagedDigests.of(osHash, image);
        // An expected md5 or os_hash is the store's own digest; any other is computed in the same pass.
        Map<HashAlgorithm, MessageDigest> extra = new EnumMap<>(HashAlgorithm.class);
        expected.stream()
                .map(ExpectedDigest::algorithm)
                .filter(algorithm -> algorithm != HashAlgorithm.MD5 && algorithm != osHash)
                .forEach(algorithm -> extra.put(algorithm, algorithm.newDigest()));
        StoredObject downloaded;
        Progress.Phase phase = null;
        try (WebFetcher.Body body = fetcher.open(url, headers)) {
            long length = body.length().orElse(-1);
            if (length > config.imageSizeCap()) {
                throw ImportFailure.noData("The data at " + url + " is " + length
                        + " bytes, more than the largest image allowed (" + config.imageSizeCap() + " bytes).");
            }
            phase = run.progress().phase("download", null, length < 0 ? null : length);
            phase.running();
            Progress.Phase counting = phase;
            downloaded = stagingStore.write(
                    run.taskId(), body, length, digests, config.imageSizeCap(), (buffer, offset, count) -> {
                        run.checkGoingOn();
                        inspector.update(buffer, offset, count);
                        extra.values().forEach(digest -> digest.update(buffer, offset, count));
                        counting.add(count);
                    });
        } catch (IOException | StoreException e) {
            if (phase != null) {
                phase.failed();
            }
            stagingStore.delete(stagingStore.locationOf(run.taskId()));
            throw ImportFailure.noData(
                    "Downloading the data of image " + image.id() + " from " + url + " failed: " + e.getMessage());
        }
        phase.done();
        for (ExpectedDigest wanted : expected) {
            String actual = extra.containsKey(wanted.algorithm())
                    ? HexFormat.of().formatHex(extra.get(wanted.algorithm()).digest())
                    : wanted.algorithm() == HashAlgorithm.MD5 ? downloaded.md5Hex() : downloaded.hashHex();
            if (!wanted.hex().equals(actual)) {
                stagingStore.delete(downloaded.location());
                throw ImportFailure.noData("The data downloaded from " + url + " has "
                        + wanted.algorithm().glanceName() + " " + actual + ", not the " + wanted.hex() + " "
                        + whoExpects + ".");
            }
        }
        if (!expected.isEmpty()) {
            run.progress().say("The downloaded data has the expected digests");
        }
        return recordStaged(run, image, downloaded, inspector);
    }

    private static Optional<Map<?, ?>> methodOf(ImportRun run) {
        return run.task().input.get("import_req") instanceof Map<?, ?> request
                        && request.get("method") instanceof Map<?, ?> method
                ? Optional.of(method)
                : Optional.empty();
    }

    private static String uriOf(ImportRun run) {
        return methodOf(run)
                .map(method -> method.get("uri"))
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .orElseThrow(() -> ImportFailure.noData(
                        "The web-download import of image " + run.task().imageId + " names no URI."));
    }

    private StagedData recordStaged(ImportRun run, ImageSnapshot image, StoredObject copied, ImageInspector inspector) {
        StagedData row = new StagedData();
        row.imageId = image.id();
        row.stageToken = run.taskId();
        row.state = StagedData.STAGED;
        row.location = copied.location();
        row.size = copied.size();
        row.checksum = copied.md5Hex();
        row.osHashAlgo = copied.hashAlgo();
        row.osHashValue = copied.hashHex();
        row.signatureHash = StagedDigests.signatureHash(image.properties())
                .map(HashAlgorithm::glanceName)
                .orElse(null);
        row.signatureDigest = copied.signatureDigest()
                .map(Base64.getEncoder()::encodeToString)
                .orElse(null);
        formats.record(row, image, inspector.finish());
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        row.updatedAt = row.createdAt;
        Transactions.inTransaction(() -> stagedData.getSession().chain(session -> session.merge(row)));
        return row;
    }

    /** The location to copy from: in the store tried first for downloads (highest weight) that is configured here. */
    private Optional<StoredLocation> source(List<StoredLocation> locations) {
        List<String> order =
                stores.byWeightDescending().stream().map(ImageStore::id).toList();
        return locations.stream()
                .filter(location -> order.contains(location.storeId()))
                .min(Comparator.comparingInt(location -> order.indexOf(location.storeId())));
    }
}
