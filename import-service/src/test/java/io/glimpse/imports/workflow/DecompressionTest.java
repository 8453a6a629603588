package io.glimpse.imports.workflow;

import com.github.luben.zstd.ZstdOutputStream;
import io.glimpse.imports.config.ImportConfig;
import io.glimpse.imports.domain.Compression;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The compressions image_decompression knows: recognised by their first bytes, read back whole. */
class DecompressionTest {
    private static final byte[] DATA = data();

    @ParameterizedTest
    @EnumSource(Compression.class)
    void eachCompressionIsRecognisedAndReadBackWhole(Compression kind) throws IOException {
        byte[] compressed = compress(kind, DATA);
        assertThat(Compression.of(head(compressed))).contains(kind);
        try (InputStream in = Decompression.open(kind, new ByteArrayInputStream(compressed))) {
            assertThat(in.readAllBytes()).isEqualTo(DATA);
        }
    }

    @Test
    void imageFormatsAndPlainDataAreNotTakenForCompressed() {
        assertThat(Compression.of(head(new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3})))
                .isEmpty();
        assertThat(Compression.of(head(new byte[] {'K', 'D', 'M', 'V', 1, 0, 0, 0})))
                .isEmpty();
        assertThat(Compression.of(new byte[] {0x1f})).isEmpty();
        assertThat(Compression.of(new byte[8])).isEmpty();
    }

    @Test
    void concatenatedGzipMembersAreReadWhole() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(compress(Compression.GZIP, new byte[] {1, 2, 3}));
        both.write(compress(Compression.GZIP, new byte[] {4, 5}));
        try (InputStream in = Decompression.open(Compression.GZIP, new ByteArrayInputStream(both.toByteArray()))) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3, 4, 5);
        }
    }

    @Test
    void aZipWithMoreThanOneFileIsRefused() throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(archive)) {
            for (String name : List.of("disk.img", "other.img")) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(DATA, 0, 1000);
                zip.closeEntry();
            }
        }
        assertThatThrownBy(() -> {
                    try (InputStream in =
                            Decompression.open(Compression.ZIP, new ByteArrayInputStream(archive.toByteArray()))) {
                        in.readAllBytes();
                    }
                })
                .isInstanceOf(IOException.class)
                .hasMessageContaining("more than one file");
    }

    @Test
    void anEmptyZipIsRefused() throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(archive)) {
            zip.putNextEntry(new ZipEntry("directory/"));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> Decompression.open(Compression.ZIP, new ByteArrayInputStream(archive.toByteArray())))
                .hasMessageContaining("no file");
    }

    @Test
    void injectionSetsTheConfiguredPropertiesExceptForIgnoredRolesAndNeverOsGlance() {
        ImportConfig.Injection injection = new ImportConfig.Injection() {
            @Override
            public Optional<List<String>> properties() {
                return Optional.of(List.of("hw_vendor:glimpse", " owner_team : ops:east ", "os_glance_x:y", "bare"));
            }

            @Override
            public List<String> ignoreUserRoles() {
                return List.of("admin");
            }
        };
        var member = new io.glimpse.contracts.internal.ActingUser("u", "p", List.of("member", "reader"), "r");
        var admin = new io.glimpse.contracts.internal.ActingUser("a", "p", List.of("Admin"), "r");
        assertThat(ImportPlugins.injected(member, injection))
                .containsExactly(
                        java.util.Map.entry("hw_vendor", "glimpse"),
                        java.util.Map.entry("owner_team", "ops:east"),
                        java.util.Map.entry("bare", ""));
        assertThat(ImportPlugins.injected(admin, injection)).isEmpty();
    }

    static byte[] compress(Compression kind, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (kind == Compression.ZIP) {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("disk.img"));
                zip.write(data);
                zip.closeEntry();
            }
            return out.toByteArray();
        }
        try (OutputStream compressing = switch (kind) {
            case GZIP -> new GZIPOutputStream(out);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
            case XZ -> new XZOutputStream(out, new LZMA2Options());
            case ZSTD -> new ZstdOutputStream(out);
            case ZIP -> throw new IllegalStateException();
        }) {
            compressing.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] head(byte[] data) {
        return java.util.Arrays.copyOf(data, Math.min(8, data.length));
    }

    private static byte[] data() {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        // Half zeros, as a disk has: compresses, and not to nothing.
        java.util.Arrays.fill(data, 100_000, 250_000, (byte) 0);
        return data;
    }
}
