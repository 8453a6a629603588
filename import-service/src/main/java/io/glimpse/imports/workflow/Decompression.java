package io.glimpse.imports.workflow;

import com.github.luben.zstd.ZstdInputStream;
import io.glimpse.contracts.event.ImageSnapshot;
import io.glimpse.imports.config.ImportConfig;
import io.glimpse.imports.domain.Compression;
import io.glimpse.imports.domain.StagedData;
import io.glimpse.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * image_decompression: staged data that starts with the magic of gzip, bzip2, xz, zstd or zip is decompressed into
 * staging (Glance knows zip, gzip and lha). As in Glance, an image whose container_format is {@code compressed} is
 * kept as it is, and a zip must hold exactly one file. A decompression bomb — output past {@code max-ratio} times the
 * input (once past {@code ratio-applies-above}), past {@code max-bytes}, or past image_size_cap — fails the import as soon as it is seen, with what was
 * written removed.
 */
@ApplicationScoped
public class Decompression {
    private final ImportConfig config;

    public Decompression(ImportConfig config) {
        this.config = config;
    }

    /** The decompressed data, staged and recorded, or empty when the data is not compressed (or must stay so). */
    Optional<StagedData> decompress(ImportRun run, StagedData staged, ImageSnapshot image, ImportPlugins plugins) {
        if ("compressed".equals(image.containerFormat())) {
            return Optional.empty();
        }
        Optional<Compression> kind = kindOf(plugins, staged);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        long compressed = staged.size == null ? 0 : staged.size;
        long byRatio = Math.max(
                compressed * config.decompression().maxRatio(),
                config.decompression().ratioAppliesAbove());
        long bound = Math.min(
                Math.min(config.decompression().maxBytes(), config.imageSizeCap()),
                byRatio < 0 ? Long.MAX_VALUE : byRatio);
        run.progress().say("Decompressing the " + kind.get().label() + " data");
        Progress.Phase phase = run.progress().phase("decompress", null, null);
        phase.running();
        long[] written = {0};
        ImportPlugins.ByteLimit limit = bytes -> {
            written[0] += bytes;
            if (written[0] > bound) {
                throw new ImportFailure("The " + kind.get().label() + " data of image " + image.id()
                        + " decompresses to more than " + bound + " bytes from " + compressed + " (limits: "
                        + config.decompression().maxRatio() + " times its size, "
                        + config.decompression().maxBytes() + " bytes): refused as a decompression bomb.");
            }
        };
        try (InputStream source = plugins.read(staged);
                InputStream data = open(kind.get(), new BufferedInputStream(source, 64 * 1024))) {
            StagedData result = plugins.stage(
                    run, image, "decompressed", data, -1, image.containerFormat(), image.diskFormat(), phase, limit);
            phase.done();
            run.progress()
                    .say("Decompressed " + kind.get().label() + ": " + compressed + " bytes became " + result.size);
            return Optional.of(result);
        } catch (IOException | StoreException e) {
            phase.failed();
            throw new ImportFailure(
                    "The " + kind.get().label() + " data of image " + image.id() + " cannot be decompressed: "
                            + e.getMessage(),
                    e);
        } catch (ImportFailure failure) {
            phase.failed();
            throw failure;
        }
    }

    private static Optional<Compression> kindOf(ImportPlugins plugins, StagedData staged) {
        try (InputStream data = plugins.read(staged)) {
            return Compression.of(data.readNBytes(Compression.HEAD));
        } catch (IOException | StoreException e) {
            throw new ImportFailure(
                    "The staged data of image " + staged.imageId + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A stream of the decompressed bytes; concatenated members of gzip, bzip2 and xz are read whole. */
    static InputStream open(Compression kind, InputStream compressed) throws IOException {
        return switch (kind) {
            case GZIP -> new GZIPInputStream(compressed, 64 * 1024);
            case BZIP2 -> new BZip2CompressorInputStream(compressed, true);
            case XZ -> new XZInputStream(compressed);
            case ZSTD -> new ZstdInputStream(compressed);
            case ZIP -> singleFile(new ZipInputStream(compressed));
        };
    }

    /** The one file of a zip archive; an archive with none or more than one fails when that shows. */
    private static InputStream singleFile(ZipInputStream zip) throws IOException {
        ZipEntry entry = zip.getNextEntry();
        while (entry != null && entry.isDirectory()) {
            entry = zip.getNextEntry();
        }
        if (entry == null) {
            throw new IOException("The zip archive holds no file.");
        }
        return new FilterInputStream(zip) {
            private boolean checked;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    checkNoMore();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n < 0) {
                    checkNoMore();
                }
                return n;
            }

            private void checkNoMore() throws IOException {
                if (checked) {
                    return;
                }
                checked = true;
                for (ZipEntry next = zip.getNextEntry(); next != null; next = zip.getNextEntry()) {
                    if (!next.isDirectory()) {
                        throw new IOException("The zip archive holds more than one file.");
                    }
                }
            }
        };
    }
}
