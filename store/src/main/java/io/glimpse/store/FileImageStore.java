package io.glimpse.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps each image as one file named after the image id in a directory. Locations are {@code
 * file://} URLs of those files.
 *
 * <p>A write goes to a hidden temp file in the same directory, is forced to disk, and is then
 * renamed atomically into place, so a crash never leaves a partial file under an image's name
 * (at worst a {@code .<id>.*.partial} file that no location points to).
 */
public final class FileImageStore implements ImageStore {

    private static final int CHUNK_SIZE = 64 * 1024;
    /** {@link Files#createTempFile} puts a random number between our prefix and suffix. */
    private static final Pattern PARTIAL_NAME = Pattern.compile("\\.(.+)\\.[0-9]+\\.partial");

    private final String id;
    private final Path directory;

    public FileImageStore(String id, Path directory) {
        this.id = Objects.requireNonNull(id, "id");
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public StoreKind kind() {
        return StoreKind.FILE;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public StoredObject write(
            String imageId, InputStream data, long expectedSize, DigestSpec digests, long sizeCap, ByteSink observer) {
        WriteArguments.check(imageId, data, expectedSize, digests, sizeCap, observer);
        Path target = directory.resolve(imageId);
        String location = locationOf(target);
        if (Files.exists(target)) {
            throw new ImageDataExistsException(location);
        }
        Path temp = createTempFile(imageId);
        boolean stored = false;
        try (DigestCalculator calculator = new DigestCalculator(digests)) {
            IngestInputStream ingest = new IngestInputStream(data, expectedSize, sizeCap, calculator::update, observer);
            copyAndSync(ingest, temp);
            DigestCalculator.Digests result = calculator.finish();
            moveIntoPlace(temp, target);
            stored = true;
            return StoredObject.of(id, location, ingest.bytesRead(), result);
        } catch (IOException e) {
            throw new StoreUnavailableException(id, "write " + location, e);
        } finally {
            if (!stored) {
                deleteQuietly(temp);
            }
        }
    }

    @Override
    public String copy(String imageId, InputStream data, long size, ByteSink observer) {
        WriteArguments.check(imageId, data, size, DigestSpec.glanceDefault(), size, observer);
        Path target = directory.resolve(imageId);
        String location = locationOf(target);
        if (Files.exists(target)) {
            throw new ImageDataExistsException(location);
        }
        Path temp = createTempFile(imageId);
        boolean stored = false;
        try {
            IngestInputStream ingest = new IngestInputStream(data, size, Long.MAX_VALUE, ByteSink.NONE, observer);
            copyAndSync(ingest, temp);
            if (ingest.bytesRead() != size) {
                throw new SizeMismatchException(size, ingest.bytesRead());
            }
            moveIntoPlace(temp, target);
            stored = true;
            return location;
        } catch (IOException e) {
            throw new StoreUnavailableException(id, "write " + location, e);
        } finally {
            if (!stored) {
                deleteQuietly(temp);
            }
        }
    }

    @Override
    public boolean linksFrom(ImageStore source) {
        return source instanceof FileImageStore file && sameFileSystem(file);
    }

    /**
     * Between two file stores on one file system the copy is a hard link: the data is immutable once written, so
     * both names can share it, and the copy costs no I/O whatever the size. Otherwise the bytes are streamed.
     */
    @Override
    public String copyFrom(ImageStore source, String sourceLocation, String imageId, long size, LongConsumer progress) {
        if (linksFrom(source)) {
            Path from = ((FileImageStore) source).pathOf(sourceLocation);
            Path target = directory.resolve(ImageIds.requireSafe(imageId));
            String location = locationOf(target);
            try {
                if (Files.size(from) != size) {
                    throw new SizeMismatchException(size, Files.size(from));
                }
                Files.createDirectories(directory);
                Files.createLink(target, from);
                syncDirectory();
                progress.accept(size);
                return location;
            } catch (FileAlreadyExistsException e) {
                throw new ImageDataExistsException(location);
            } catch (NoSuchFileException e) {
                throw new ImageDataNotFoundException(sourceLocation);
            } catch (IOException | UnsupportedOperationException e) {
                // No hard links here (another device after all, or a file system without them): stream instead.
            }
        }
        return ImageStore.super.copyFrom(source, sourceLocation, imageId, size, progress);
    }

    private boolean sameFileSystem(FileImageStore other) {
        try {
            Files.createDirectories(directory);
            Files.createDirectories(other.directory);
            return Files.getFileStore(directory).equals(Files.getFileStore(other.directory));
        } catch (IOException e) {
            return false;
        }
    }

    private Path createTempFile(String imageId) {
        try {
            Files.createDirectories(directory);
            // Same directory as the target so that the final rename is atomic (same file system).
            return Files.createTempFile(directory, "." + imageId + ".", ".partial");
        } catch (IOException e) {
            throw new StoreUnavailableException(id, "create a file in " + directory, e);
        }
    }

    private static void copyAndSync(IngestInputStream ingest, Path temp) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            byte[] chunk = new byte[CHUNK_SIZE];
            ByteBuffer buffer = ByteBuffer.wrap(chunk);
            int n;
            while ((n = ingest.read(chunk, 0, chunk.length)) >= 0) {
                buffer.clear().limit(n);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            // Data must be durable before the rename makes it visible under the final name.
            channel.force(true);
        }
    }

    /**
     * rename(2) replaces atomically. Two writers for one image id cannot race here: the catalog's
     * compare-and-swap to {@code saving} lets only one upload per image through.
     */
    private void moveIntoPlace(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
    }

    /** Makes the rename itself durable; best effort where directories cannot be opened. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on this platform or file system: the rename is still atomic.
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Cleanup after a failure must not hide the failure; a stray temp file is harmless.
        }
    }

    /**
     * A {@link FileSegmentStream}: the stream reads through the channel opened here (so a deletion
     * after this call does not cut it), and it also names the file and span for a zero-copy send.
     */
    @Override
    public InputStream read(String location, Optional<ByteRange> range) {
        Path path = pathOf(location);
        FileChannel channel = openForRead(path, location);
        try {
            long size = channel.size();
            if (range.isEmpty()) {
                return new FileSegmentStream(channel, path, 0, size);
            }
            ByteRange wanted = range.get();
            if (wanted.firstByte() >= size) {
                channel.close();
                throw new RangeNotSatisfiableException(wanted, location);
            }
            long lastByte = Math.min(wanted.lastByte().orElse(size - 1), size - 1);
            return new FileSegmentStream(channel, path, wanted.firstByte(), lastByte - wanted.firstByte() + 1);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreUnavailableException(id, "read " + location, e);
        }
    }

    private FileChannel openForRead(Path path, String location) {
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ImageDataNotFoundException(location);
        } catch (IOException e) {
            throw new StoreUnavailableException(id, "open " + location, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Already failing; nothing more to report.
        }
    }

    @Override
    public String locationOf(String imageId) {
        return locationOf(directory.resolve(ImageIds.requireSafe(imageId)));
    }

    @Override
    public void delete(String location) {
        Path path = pathOf(location);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new StoreUnavailableException(id, "delete " + location, e);
        }
    }

    @Override
    public boolean exists(String location) {
        return Files.isRegularFile(pathOf(location));
    }

    @Override
    public long size(String location) {
        Path path = pathOf(location);
        try {
            return Files.size(path);
        } catch (NoSuchFileException e) {
            throw new ImageDataNotFoundException(location);
        } catch (IOException e) {
            throw new StoreUnavailableException(id, "stat " + location, e);
        }
    }

    @Override
    public void forEachObject(Consumer<StoredEntry> consumer) {
        forEachFile(
                file -> ImageIds.isSafe(file.getFileName().toString()) && Files.isRegularFile(file),
                (file, modified) -> consumer.accept(new StoredEntry(locationOf(file), modified)));
    }

    @Override
    public void forEachPartialWrite(Consumer<PartialWrite> consumer) {
        forEachFile(
                file -> partialWriteOf(file).isPresent(),
                (file, modified) ->
                        consumer.accept(new PartialWrite(partialWriteOf(file).orElseThrow(), modified)));
    }

    /** The directory's files that {@code wanted} picks, with their write time; one gone meanwhile is skipped. */
    private void forEachFile(Predicate<Path> wanted, BiConsumer<Path, Instant> consumer) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(wanted).forEach(file -> {
                try {
                    consumer.accept(file, Files.getLastModifiedTime(file).toInstant());
                } catch (NoSuchFileException gone) {
                    // finished, or deleted, while we listed
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new StoreUnavailableException(id, "list " + directory, e);
        }
    }

    @Override
    public void deletePartialWrites(String imageId) {
        if (!ImageIds.isSafe(imageId) || !Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(
                            file -> partialWriteOf(file).filter(imageId::equals).isPresent())
                    .toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new StoreUnavailableException(id, "delete partial writes of " + imageId, e);
        }
    }

    /** The image id of a temp file {@link #createTempFile} made: {@code .<image id>.<random>.partial}. */
    private static Optional<String> partialWriteOf(Path file) {
        Matcher name = PARTIAL_NAME.matcher(file.getFileName().toString());
        return name.matches() ? Optional.of(name.group(1)).filter(ImageIds::isSafe) : Optional.empty();
    }

    @Override
    public boolean ownsLocation(String location) {
        return parse(location).isPresent();
    }

    Path pathOf(String location) {
        return parse(location)
                .orElseThrow(() ->
                        new InvalidLocationException(location, "not a file of store '" + id + "' (" + directory + ")"));
    }

    /** A location is ours when it is a file URL naming an image file directly in our directory. */
    private Optional<Path> parse(String location) {
        Objects.requireNonNull(location, "location");
        try {
            URI uri = new URI(location);
            if (!"file".equals(uri.getScheme())) {
                return Optional.empty();
            }
            Path path = Path.of(uri).normalize();
            Path fileName = path.getFileName();
            boolean ours =
                    directory.equals(path.getParent()) && fileName != null && ImageIds.isSafe(fileName.toString());
            return ours ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            // Not a URL, or a file URL Path.of rejects (authority, query, ...): not one of ours.
            return Optional.empty();
        }
    }

    private static String locationOf(Path file) {
        return file.toUri().toString();
    }
}
