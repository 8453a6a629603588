package io.glimpse.catalog.service;

import io.glimpse.store.FileImageStore;
import io.glimpse.store.StoreRegistry;
import io.glimpse.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.glimpse.catalog.Api.as;
import static io.glimpse.catalog.Api.createId;
import static io.glimpse.catalog.Api.show;
import static io.glimpse.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upload whose instance died (its lease expired) goes back to {@code queued} with its partial data deleted, and
 * can be uploaded again; an upload whose lease is live is left alone. The real crash, with kill -9, is the system
 * tests' FaultToleranceTest.
 */
@QuarkusTest
class UploadRecoveryTest {
    private static final Caller ALICE = new Caller("alice", "project-a", Set.of("member", "reader"), "req-recovery");

    @Inject
    ImageDataSteps steps;

    @Inject
    UploadRecovery recovery;

    @Inject
    StoreRegistry stores;

    @Test
    void anAbandonedUploadRevertsToQueuedWithoutItsPartialData() throws Exception {
        String abandoned = imageInSavingWithPartialData();
        String streaming = imageInSavingWithPartialData();
        expireLease(abandoned);

        // The scheduled pass may take the expired lease first; either way the upload is recovered now.
        assertThat(recovery.recoverAbandonedUploads()).doesNotContain(streaming);

        awaitQueued(abandoned);
        assertThat(show("alice", abandoned).jsonPath().getString("size")).isNull();
        assertThat(partialFiles(abandoned)).isZero();
        assertThat(show("alice", streaming).jsonPath().getString("status")).isEqualTo("saving");
        assertThat(partialFiles(streaming)).isOne();
        assertThat(as("alice")
                        .contentType("application/octet-stream")
                        .body(new byte[4096])
                        .put("/v2/images/" + abandoned + "/file")
                        .statusCode())
                .isEqualTo(204);
        assertThat(show("alice", abandoned).jsonPath().getString("status")).isEqualTo("active");
        assertThat(recovery.recoverAbandonedUploads())
                .as("nothing left to recover")
                .doesNotContain(abandoned);
    }

    private static void awaitQueued(String id) throws InterruptedException {
        for (int i = 0; i < 100 && !"queued".equals(show("alice", id).jsonPath().getString("status")); i++) {
            Thread.sleep(100);
        }
        assertThat(show("alice", id).jsonPath().getString("status")).isEqualTo("queued");
    }

    /** What an instance that died mid-upload leaves: the image in saving, leased, and a temp file in the store. */
    private String imageInSavingWithPartialData() throws Exception {
        String id =
                createId("alice", Map.of("name", unique("recovery"), "disk_format", "raw", "container_format", "bare"));
        ImageUploadService.await(() -> steps.beginUpload(ALICE, id, Optional.empty()));
        Files.write(directory().resolve("." + id + ".1234.partial"), new byte[1024]);
        return id;
    }

    private static void expireLease(String id) {
        ImageUploadService.await(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "update upload_leases set expires_at = now() - interval '1 second' where image_id = :id")
                        .setParameter("id", id)
                        .executeUpdate())));
    }

    private long partialFiles(String id) throws Exception {
        try (var files = Files.list(directory())) {
            return files.filter(file -> file.getFileName().toString().startsWith("." + id + "."))
                    .count();
        }
    }

    private Path directory() throws Exception {
        Path directory = ((FileImageStore) stores.get("file")).directory();
        Files.createDirectories(directory);
        return directory;
    }
}
