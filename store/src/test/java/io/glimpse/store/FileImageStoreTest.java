package io.glimpse.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileImageStoreTest extends ImageStoreContract {

    @TempDir
    Path directory;

    private FileImageStore store;

    @BeforeEach
    void openStore() {
        store = new FileImageStore("local", directory);
    }

    @Override
    ImageStore store() {
        return store;
    }

    @Override
    String locationFor(String imageId) {
        return directory.toAbsolutePath().resolve(imageId).toUri().toString();
    }

    /** Neither the image file nor a temp file of it may remain. */
    @Override
    boolean nothingStoredFor(String imageId) {
        return filesIn(directory).stream().noneMatch(name -> name.contains(imageId));
    }

    @Test
    void copyFromAFileStoreOfTheSameFileSystemLinksTheFileInsteadOfCopyingIt() throws Exception {
        FileImageStore staging = new FileImageStore("staging", directory.resolve("staging"));
        byte[] data = GeneratedInputStream.bytes(100_000, 7);
        String staged = staging.copy("staged-image", new ByteArrayInputStream(data), data.length, ByteSink.NONE);

        assertThat(store.linksFrom(staging)).isTrue();
        String location = store.copyFrom(staging, staged, "copied-image", data.length, bytes -> {});

        assertThat(Files.isSameFile(Path.of(URI.create(location)), Path.of(URI.create(staged))))
                .isTrue();
        staging.delete(staged);
        assertThat(TestStreams.readAll(store.read(location, Optional.empty()))).isEqualTo(data);
    }

    @Test
    void linkingDataOfAnotherSizeThanAnnouncedFails() {
        FileImageStore staging = new FileImageStore("staging", directory.resolve("staging"));
        String staged = staging.copy("short-image", new ByteArrayInputStream(new byte[10]), 10, ByteSink.NONE);

        assertThatThrownBy(() -> store.copyFrom(staging, staged, "copied-image", 11, bytes -> {}))
                .isInstanceOf(SizeMismatchException.class);
        assertThat(nothingStoredFor("copied-image")).isTrue();
    }

    private static List<String> filesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void locationIsTheFileUrlOfTheImageFile() throws IOException {
        String imageId = newImageId();

        StoredObject stored = store.write(
                imageId, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, DigestSpec.glanceDefault(), NO_CAP);

        assertThat(stored.location()).startsWith("file:///").endsWith("/" + imageId);
        assertThat(Files.readAllBytes(directory.resolve(imageId))).containsExactly(1, 2, 3);
        assertThat(filesIn(directory)).containsExactly(imageId);
    }

    @Test
    void dataStaysInATempFileUntilItIsCompleteThenIsRenamedIntoPlace() {
        String imageId = newImageId();
        Path target = directory.resolve(imageId);
        AtomicBoolean checked = new AtomicBoolean();

        store.write(
                imageId,
                new GeneratedInputStream(300_000, 1),
                UNKNOWN_SIZE,
                DigestSpec.glanceDefault(),
                NO_CAP,
                (buffer, offset, length) -> {
                    if (!checked.getAndSet(true)) {
                        assertThat(target).doesNotExist();
                        assertThat(filesIn(directory))
                                .singleElement()
                                .satisfies(name -> assertThat(name)
                                        .startsWith("." + imageId)
                                        .endsWith(".partial"));
                    }
                });

        assertThat(checked).isTrue();
        assertThat(target).isRegularFile().hasSize(300_000);
        assertThat(filesIn(directory)).containsExactly(imageId);
    }

    @Test
    void directoryIsCreatedOnFirstWrite() {
        FileImageStore nested = new FileImageStore("nested", directory.resolve("a/b"));

        StoredObject stored = nested.write(
                newImageId(), new ByteArrayInputStream(new byte[1]), 1, DigestSpec.glanceDefault(), NO_CAP);

        assertThat(nested.exists(stored.location())).isTrue();
    }

    @Test
    void locationsEscapingTheDirectoryOrNamingTempFilesAreRejected() {
        String base = directory.toAbsolutePath().toUri().toString();
        for (String location :
                new String[] {base + "../" + newImageId(), base + "sub/" + newImageId(), base + ".abc.123.partial", base
                }) {
            assertThat(store.ownsLocation(location)).as(location).isFalse();
            assertThatThrownBy(() -> store.read(location, Optional.empty()))
                    .as(location)
                    .isInstanceOf(InvalidLocationException.class);
        }
    }

    @Test
    void writingToAnUnwritableDirectoryIsAStoreFailure() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("plain-file"), "x");
        FileImageStore broken = new FileImageStore("broken", notADirectory);

        assertThatThrownBy(() -> broken.write(
                        newImageId(), new ByteArrayInputStream(new byte[1]), 1, DigestSpec.glanceDefault(), NO_CAP))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("broken");
    }
}
