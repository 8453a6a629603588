package io.glimpse.imports.workflow;

import io.glimpse.contracts.event.ImageSnapshot;
import io.glimpse.contracts.internal.ActingUser;
import io.glimpse.imports.config.ImportConfig;
import io.glimpse.imports.domain.ImportPlugin;
import io.glimpse.imports.domain.ImportStep;
import io.glimpse.imports.domain.StagedData;
import io.glimpse.imports.domain.StepStatus;
import io.glimpse.imports.repository.StagedDataRepository;
import io.glimpse.imports.repository.Transactions;
import io.glimpse.imports.service.FormatChecker;
import io.glimpse.imports.storage.StagingArea;
import io.glimpse.inspect.ImageInspector;
import io.glimpse.store.DigestSpec;
import io.glimpse.store.HashAlgorithm;
import io.glimpse.store.ImageStore;
import io.glimpse.store.StoreException;
import io.glimpse.store.StoredObject;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The import plugins of glance-v2-api.md §8.3, by Glance's names, enabled by {@code glimpse.import.plugins}. They run
 * on glance-direct and web-download imports (a copy keeps the image's data as it is):
 *
 * <ul>
 *   <li>{@code image_decompression} first, whatever its place in the list: the format gate and every later step need
 *       the image's own bytes, and decompressing reads no image format;
 *   <li>then the format gate of {@link FormatStep} on those bytes: nothing unsafe reaches qemu-img;
 *   <li>{@code image_conversion} and {@code inject_image_metadata} in the configured order.
 * </ul>
 *
 * Each plugin that makes new data writes it to staging as a {@link StagedData#TRANSFORMED} row and records its step,
 * so a later attempt resumes from it; a failure reverts the import like any other (ImportRun).
 */
@ApplicationScoped
public class ImportPlugins {
    static final String DECOMPRESS_STEP = "decompress";
    static final String CONVERT_STEP = "convert";

    private static final String COPY_IMAGE = "copy-image";
    private static final String UNCHANGED = "";

    private final List<String> configured;
    private final List<ImportPlugin> enabled;
    private final ImportConfig config;
    private final StagingArea staging;
    private final StagedDataRepository stagedData;
    private final FormatChecker formats;
    private final Decompression decompression;
    private final Conversion conversion;

    public ImportPlugins(
            ImportConfig config,
            StagingArea staging,
            StagedDataRepository stagedData,
            FormatChecker formats,
            Decompression decompression,
            Conversion conversion) {
        this.configured = config.plugins().orElse(List.of()).stream()
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
        this.enabled = configured.stream()
                .flatMap(name -> ImportPlugin.named(name).stream())
                .toList();
        this.config = config;
        this.staging = staging;
        this.stagedData = stagedData;
        this.formats = formats;
        this.decompression = decompression;
        this.conversion = conversion;
    }

    /** An unknown plugin name stops the service at start rather than being ignored on every import. */
    void validate(@Observes StartupEvent start) {
        List<String> unknown = configured.stream()
                .filter(name -> ImportPlugin.named(name).isEmpty())
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("glimpse.import.plugins names unknown plugins " + unknown + "; known: "
                    + Arrays.stream(ImportPlugin.values())
                            .map(ImportPlugin::glanceName)
                            .toList());
        }
        if (enabled.contains(ImportPlugin.IMAGE_CONVERSION)) {
            conversion.validate();
        }
    }

    /** image_decompression: the staged data decompressed when it is compressed, else the staged data itself. */
    StagedData decompressed(ImportRun run, StagedData staged, ImageSnapshot image) {
        if (!runs(run, ImportPlugin.IMAGE_DECOMPRESSION)) {
            return staged;
        }
        Optional<ImportStep> done = run.recorded(DECOMPRESS_STEP, null);
        if (done.isPresent()) {
            return transformedOr(done.get(), staged);
        }
        Optional<StagedData> result = decompression.decompress(run, staged, image, this);
        run.record(
                DECOMPRESS_STEP,
                null,
                StepStatus.DONE,
                Map.of("token", result.map(row -> row.stageToken).orElse(UNCHANGED)));
        return result.orElse(staged);
    }

    /** The plugins after the format gate, in the configured order: the data the stores get, and the image's changes. */
    Transformed afterGate(
            ImportRun run, StagedData data, ImageSnapshot image, ImportRun.FormatOutcome format, ImageChanges source) {
        Transformed current = new Transformed(data, format, source);
        if (isCopy(run)) {
            return current;
        }
        for (ImportPlugin plugin : enabled) {
            switch (plugin) {
                case IMAGE_CONVERSION -> current = converted(run, current, image);
                case INJECT_IMAGE_METADATA ->
                    current = new Transformed(
                            current.data(),
                            current.format(),
                            current.changes().withProperties(injected(run.user(), config.injection())));
                case IMAGE_DECOMPRESSION -> {} // ran before the gate
            }
        }
        return current;
    }

    private Transformed converted(ImportRun run, Transformed current, ImageSnapshot image) {
        Optional<ImportStep> done = run.recorded(CONVERT_STEP, null);
        StagedData converted = done.isPresent()
                ? transformedOr(done.get(), current.data())
                : conversion.convert(run, current.data(), image, this).orElse(current.data());
        if (done.isEmpty()) {
            run.record(
                    CONVERT_STEP,
                    null,
                    StepStatus.DONE,
                    Map.of("token", converted == current.data() ? UNCHANGED : converted.stageToken));
        }
        if (converted == current.data()) {
            return current;
        }
        return new Transformed(
                converted,
                ImportRun.FormatOutcome.of(converted.virtualSize, converted),
                current.changes().withFormats(converted.checkedDiskFormat, "bare"));
    }

    /** inject_image_metadata: the configured properties, unless the caller has an ignored role; os_glance* never. */
    static Map<String, String> injected(ActingUser user, ImportConfig.Injection injection) {
        List<String> roles = user.roles() == null ? List.of() : user.roles();
        boolean ignored = injection.ignoreUserRoles().stream()
                .map(String::trim)
                .anyMatch(role -> roles.stream().anyMatch(role::equalsIgnoreCase));
        Map<String, String> properties = new LinkedHashMap<>();
        if (ignored) {
            return properties;
        }
        for (String pair : injection.properties().orElse(List.of())) {
            int colon = pair.indexOf(':');
            String key = (colon < 0 ? pair : pair.substring(0, colon)).trim();
            String value = colon < 0 ? "" : pair.substring(colon + 1).trim();
            if (!key.isEmpty() && !key.startsWith("os_glance")) {
                properties.put(key, value);
            }
        }
        return properties;
    }

    /** Which of the data's rows the import goes on with, as an earlier attempt recorded it. */
    private StagedData transformedOr(ImportStep step, StagedData before) {
        String token = step.result.getOrDefault("token", UNCHANGED);
        if (token.isEmpty()) {
            return before;
        }
        return Transactions.inSession(() -> stagedData.findById(token).map(Optional::ofNullable))
                .orElseThrow(() -> new ImportFailure(
                        "The data a plugin made for this import (" + token + ") is gone; import the image again."));
    }

    private boolean runs(ImportRun run, ImportPlugin plugin) {
        return enabled.contains(plugin) && !isCopy(run);
    }

    private static boolean isCopy(ImportRun run) {
        return COPY_IMAGE.equals(run.task().method);
    }

    /**
     * Writes what a plugin made into staging under a token derived from task and plugin, digested and inspected as it goes, and
     * records it with the inspection's verdict for those formats.
     */
    StagedData stage(
            ImportRun run,
            ImageSnapshot image,
            String plugin,
            InputStream data,
            long expectedSize,
            String containerFormat,
            String diskFormat,
            Progress.Phase phase,
            ByteLimit limit) {
        ImageStore store = staging.store();
        // A stage token is a uuid; this one is the same for every attempt of the task, so a retry replaces it.
        String token = UUID.nameUUIDFromBytes((run.taskId() + "." + plugin).getBytes(StandardCharsets.UTF_8))
                .toString();
        store.delete(store.locationOf(token));
        ImageInspector inspector = new ImageInspector();
        HashAlgorithm osHash = HashAlgorithm.fromName(config.hashingAlgorithm()).orElse(HashAlgorithm.SHA512);
        StoredObject stored;
        try {
            stored = store.write(
                    token,
                    data,
                    expectedSize,
                    DigestSpec.of(osHash),
                    config.imageSizeCap(),
                    (buffer, offset, length) -> {
                        run.checkGoingOn();
                        limit.add(length);
                        inspector.update(buffer, offset, length);
                        phase.add(length);
                    });
        } catch (StoreException e) {
            store.delete(store.locationOf(token));
            throw e;
        }
        StagedData row = new StagedData();
        row.imageId = image.id();
        row.stageToken = token;
        row.state = StagedData.TRANSFORMED;
        row.location = stored.location();
        row.size = stored.size();
        row.checksum = stored.md5Hex();
        row.osHashAlgo = stored.hashAlgo();
        row.osHashValue = stored.hashHex();
        formats.record(row, containerFormat, diskFormat, inspector.finish());
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        row.updatedAt = row.createdAt;
        Transactions.inTransaction(() -> stagedData.getSession().chain(session -> session.merge(row)));
        return row;
    }

    /** Opens staged data for a plugin to read. */
    InputStream read(StagedData data) {
        return staging.store().read(data.location, Optional.empty());
    }

    /** Bounds the bytes a plugin makes; past the bound it fails the import with {@code why}. */
    interface ByteLimit {
        void add(long bytes);

        ByteLimit NONE = bytes -> {};
    }

    /** The data the stores get, its format outcome, and what changes on the image. */
    record Transformed(StagedData data, ImportRun.FormatOutcome format, ImageChanges changes) {}
}
