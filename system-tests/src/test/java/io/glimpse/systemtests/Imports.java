package io.glimpse.systemtests;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Staging, importing and waiting, as a client of the import API does them (glance-v2-api.md §5.3, §8). */
final class Imports {
    static final Duration IMPORT_TIMEOUT = Duration.ofSeconds(120);

    private Imports() {}

    /** A new queued image with formats set (raw in a bare container, which any bytes are). */
    static String newRawImage(String user) {
        return newImage(user, "raw");
    }

    /** A new queued image of {@code diskFormat} in a bare container. */
    static String newImage(String user, String diskFormat) {
        return ThroughTheGateway.createImage(
                        user,
                        Map.of(
                                "name",
                                ThroughTheGateway.uniqueName("import-" + diskFormat),
                                "disk_format",
                                diskFormat,
                                "container_format",
                                "bare"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static Response stage(String user, String imageId, byte[] data) {
        return ThroughTheGateway.as(user)
                .contentType(ContentType.BINARY)
                .body(data)
                .put("/v2/images/" + imageId + "/stage");
    }

    static Response stageFile(String user, String imageId, Path file) {
        return ThroughTheGateway.as(user)
                .contentType(ContentType.BINARY)
                .body(file.toFile())
                .put("/v2/images/" + imageId + "/stage");
    }

    static Response startImport(String user, String imageId, Map<String, ?> body) {
        return ThroughTheGateway.as(user)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v2/images/" + imageId + "/import");
    }

    static Map<String, Object> method(String name) {
        return Map.of("method", Map.of("name", name));
    }

    static Map<String, Object> method(String name, String key, Object value) {
        return Map.of("method", Map.of("name", name), key, value);
    }

    static JsonPath show(String user, String imageId) {
        return ThroughTheGateway.as(user)
                .get("/v2/images/" + imageId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Polls the image until {@code done} holds; fails with the last representation seen. */
    static JsonPath awaitImage(String user, String imageId, Predicate<JsonPath> done) {
        return awaitImage(user, imageId, done, IMPORT_TIMEOUT);
    }

    static JsonPath awaitImage(String user, String imageId, Predicate<JsonPath> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonPath image = show(user, imageId);
        while (!done.test(image)) {
            assertThat(Instant.now())
                    .as("image %s: %s", imageId, image.prettify())
                    .isBefore(deadline);
            sleep(200);
            image = show(user, imageId);
        }
        return image;
    }

    /** Polls until the import's importing list is empty (tempest's copy waiter) and the lock is gone. */
    static JsonPath awaitImportEnd(String user, String imageId) {
        return awaitImportEnd(user, imageId, IMPORT_TIMEOUT);
    }

    static JsonPath awaitImportEnd(String user, String imageId, Duration timeout) {
        return awaitImage(
                user,
                imageId,
                image -> "".equals(image.getString("os_glance_importing_to_stores"))
                        && image.getString("os_glance_import_task") == null
                        && !"importing".equals(image.getString("status")),
                timeout);
    }

    static List<Map<String, Object>> tasks(String user, String imageId) {
        return ThroughTheGateway.as(user)
                .get("/v2/images/" + imageId + "/tasks")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("tasks");
    }

    /** The image's newest task once it ended. */
    static Map<String, Object> awaitTaskEnd(String user, String imageId) {
        Instant deadline = Instant.now().plus(IMPORT_TIMEOUT);
        while (true) {
            List<Map<String, Object>> tasks = tasks(user, imageId);
            if (!tasks.isEmpty()
                    && List.of("success", "failure").contains(tasks.getFirst().get("status"))) {
                return tasks.getFirst();
            }
            assertThat(Instant.now())
                    .as("tasks of image %s: %s", imageId, tasks)
                    .isBefore(deadline);
            sleep(200);
        }
    }

    static byte[] download(String user, String imageId) {
        return ThroughTheGateway.as(user)
                .get("/v2/images/" + imageId + "/file")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the image's import has moved some bytes into a store (its task's progress says so). */
    static void awaitBytesMoving(String imageId) {
        awaitImage(
                "admin",
                imageId,
                image -> Imports.tasks("admin", imageId).stream()
                        .flatMap(task -> ((List<?>) task.getOrDefault("progress", List.of())).stream())
                        .map(entry -> (Map<?, ?>) entry)
                        .anyMatch(entry -> "store".equals(entry.get("phase"))
                                && ((Number) entry.get("bytes_done")).longValue() > 0));
    }

    /** A temporary file of {@code size} random bytes (deleted by the caller). */
    static Path randomFile(long size, long seed) throws IOException {
        Path file = Files.createTempFile("import-data", ".raw");
        Random random = new Random(seed);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
        return file;
    }

    /** The local suite's data directory ($GLIMPSE_HOME/data), where the file store and staging live. */
    static Path dataDirectory() {
        return io.glimpse.testsupport.GlimpseSuite.home().resolve("data");
    }

    /**
     * Whether any file of the image is left in staging, the file store or the local S3's buckets. The
     * services delete files while this walks (an S3 multipart upload's parts vanish as it completes or
     * aborts), so a file or directory that disappears mid-walk is simply not there.
     */
    static List<Path> filesOf(String imageId) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dataDirectory(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    collect(directory);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    collect(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                    if (failure instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw failure;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    if (failure != null && !(failure instanceof NoSuchFileException)) {
                        throw failure;
                    }
                    return FileVisitResult.CONTINUE;
                }

                private void collect(Path path) {
                    Path name = path.getFileName();
                    if (name != null && name.toString().contains(imageId)) {
                        found.add(path);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
