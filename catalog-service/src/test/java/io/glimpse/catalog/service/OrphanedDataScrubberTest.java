package io.glimpse.catalog.service;

import io.glimpse.catalog.repository.UploadLeaseRepository;
import io.glimpse.store.DigestSpec;
import io.glimpse.store.FileImageStore;
import io.glimpse.store.StoreRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.glimpse.catalog.Api.as;
import static io.glimpse.catalog.Api.createId;
import static io.glimpse.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects no live image points at, and partial writes no live instance streams, go once they are older than the
 * grace period; everything else stays.
 */
@QuarkusTest
class OrphanedDataScrubberTest {

    @Inject
    OrphanedDataScrubber scrubber;

    @Inject
    StoreRegistry stores;

    @Inject
    UploadLeaseRepository leases;

    @Test
    void oldUnreferencedObjectsGoAndEverythingElseStays() throws Exception {
        Path directory = ((FileImageStore) stores.get("file")).directory();
        Files.createDirectories(directory);
        Path oldOrphan = aged(Files.write(directory.resolve(UUID.randomUUID().toString()), new byte[10]));
        Path youngOrphan = Files.write(directory.resolve(UUID.randomUUID().toString()), new byte[10]);
        // Named as the file store names an upload's temp file; no instance streams these uploads any more.
        String abandonedUpload = UUID.randomUUID().toString();
        Path partial = aged(Files.write(directory.resolve("." + abandonedUpload + ".4711.partial"), new byte[10]));
        Path youngPartial = Files.write(directory.resolve("." + UUID.randomUUID() + ".4712.partial"), new byte[10]);
        String streaming = UUID.randomUUID().toString();
        Path leasedPartial = aged(Files.write(directory.resolve("." + streaming + ".4713.partial"), new byte[10]));
        ImageUploadService.await(
                () -> Panache.withTransaction(() -> leases.take(streaming, "another-instance", Duration.ofMinutes(5))));
        String uploaded = uploadedImage("file");
        Path uploadedFile = aged(directory.resolve(uploaded));
        String deletedImage = uploadedImage("file");
        Path deletedImageFile = directory.resolve(deletedImage);
        Files.copy(deletedImageFile, directory.resolve(deletedImage + "-kept"));
        // The image goes but its data stays, as when catalog died between the delete's commit and the data's.
        assertThat(as("alice").delete("/v2/images/" + deletedImage).statusCode())
                .isEqualTo(204);
        Path leftBehind = aged(Files.move(directory.resolve(deletedImage + "-kept"), deletedImageFile));

        List<String> deleted = scrubber.scrub(Duration.ofHours(1));

        assertThat(deleted)
                .contains(
                        oldOrphan.toUri().toString(), leftBehind.toUri().toString(), "file:partial:" + abandonedUpload)
                .doesNotContain("file:partial:" + streaming);
        assertThat(oldOrphan).doesNotExist();
        assertThat(leftBehind).doesNotExist();
        assertThat(youngOrphan).as("within the grace period").exists();
        assertThat(partial).as("an abandoned upload's partial file").doesNotExist();
        assertThat(youngPartial).as("within the grace period").exists();
        assertThat(leasedPartial).as("an upload a live instance streams").exists();
        assertThat(uploadedFile).as("an image's data").exists();
        assertThat(as("alice")
                        .accept("*/*")
                        .get("/v2/images/" + uploaded + "/file")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theS3StoreIsScrubbedToo() {
        String orphan = stores.get("s3")
                .write(
                        UUID.randomUUID().toString(),
                        new ByteArrayInputStream(new byte[7]),
                        7,
                        DigestSpec.glanceDefault(),
                        1024)
                .location();
        String uploaded = uploadedImage("s3");

        List<String> deleted = scrubber.scrub(Duration.ZERO);

        assertThat(deleted).contains(orphan);
        assertThat(stores.get("s3").exists(orphan)).isFalse();
        assertThat(as("alice")
                        .accept("*/*")
                        .get("/v2/images/" + uploaded + "/file")
                        .statusCode())
                .isEqualTo(200);
    }

    private static String uploadedImage(String store) {
        String id =
                createId("alice", Map.of("name", unique("scrub"), "disk_format", "raw", "container_format", "bare"));
        assertThat(as("alice")
                        .contentType("application/octet-stream")
                        .header("X-Image-Meta-Store", store)
                        .body(new byte[2048])
                        .put("/v2/images/" + id + "/file")
                        .statusCode())
                .isEqualTo(204);
        return id;
    }

    private static Path aged(Path file) throws java.io.IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        return file;
    }
}
