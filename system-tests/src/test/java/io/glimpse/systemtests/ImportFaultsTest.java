package io.glimpse.systemtests;

import io.glimpse.contracts.topic.Topics;
import io.glimpse.testsupport.GlimpseSuite;
import io.glimpse.testsupport.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.glimpse.systemtests.Imports.awaitBytesMoving;
import static io.glimpse.systemtests.Imports.awaitImage;
import static io.glimpse.systemtests.Imports.awaitImportEnd;
import static io.glimpse.systemtests.Imports.awaitTaskEnd;
import static io.glimpse.systemtests.Imports.method;
import static io.glimpse.systemtests.Imports.newRawImage;
import static io.glimpse.systemtests.Imports.randomBytes;
import static io.glimpse.systemtests.Imports.randomFile;
import static io.glimpse.systemtests.Imports.show;
import static io.glimpse.systemtests.Imports.stage;
import static io.glimpse.systemtests.Imports.startImport;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports that cannot get stuck or lost, against the real components: an import-service killed with -9 in the middle
 * of a 1 GiB copy finishes it after its restart; two instances share the work without importing anything twice; an
 * import during a Kafka outage completes and its events arrive when Kafka returns; a failing store with
 * all_stores_must_succeed true and false; an image deleted mid-import leaves nothing behind.
 */
class ImportFaultsTest extends ThroughTheGateway {
    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    void anImportServiceKilledMidCopyFinishesTheCopyAfterItsRestart() throws Exception {
        String id = newRawImage("alice");
        Path data = randomFile(GIB, 31);
        try {
            as("alice")
                    .contentType(ContentType.BINARY)
                    .body(data.toFile())
                    .put("/v2/images/" + id + "/file")
                    .then()
                    .statusCode(204);
            String checksum = show("alice", id).getString("checksum");

            startImport("admin", id, Map.of("method", Map.of("name", "copy-image"), "stores", List.of("s3")))
                    .then()
                    .statusCode(202);
            awaitBytesMoving(id);
            GlimpseSuite.glimpse("kill", "import-service");
            GlimpseSuite.glimpse("start", "import-service");

            // 1 GiB is copied to staging (digested), then to S3, after a restart: minutes on a loaded 2-core machine.
            JsonPath copied = awaitImportEnd("alice", id, Duration.ofMinutes(6));
            assertThat(copied.getString("stores")).isEqualTo("file,s3");
            assertThat(copied.getString("os_glance_failed_import")).isEmpty();
            assertThat(awaitTaskEnd("alice", id)).containsEntry("status", "success");
            // The copy in S3 is the image's data.
            byte[] fromS3 = as("alice")
                    .queryParam("prefer", "s3")
                    .get("/v2/images/" + id + "/file")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            assertThat(fromS3.length).isEqualTo(GIB);
            assertThat(Imports.md5(fromS3)).isEqualTo(checksum);
        } finally {
            GlimpseSuite.glimpse("start", "import-service");
            Files.deleteIfExists(data);
            as("alice").delete("/v2/images/" + id);
        }
    }

    @Test
    void twoInstancesShareTheWorkAndNothingIsImportedTwice() throws Exception {
        GlimpseSuite.glimpse("start", "import-service-2");
        try (TopicReader events = new TopicReader(Topics.TASKS)) {
            List<String> images = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = newRawImage("alice");
                stage("alice", id, randomBytes(2 * 1024 * 1024, 40 + i)).then().statusCode(204);
                images.add(id);
            }
            images.forEach(id -> startImport("alice", id, method("glance-direct", "all_stores", true))
                    .then()
                    .statusCode(202));
            for (String id : images) {
                JsonPath image = awaitImage("alice", id, shown -> "active".equals(shown.getString("status")));
                assertThat(image.getString("stores")).isEqualTo("file,s3");
                List<ConsumerRecord<String, String>> records = events.awaitRecords(
                        id,
                        seen -> seen.stream().anyMatch(r -> "task.success".equals(type(r))),
                        Duration.ofSeconds(60));
                assertThat(records.stream().filter(r -> "task.processing".equals(type(r))))
                        .as("one worker ran the import of %s", id)
                        .hasSize(1);
                assertThat(records.stream().filter(r -> "image.import.store.success".equals(type(r))))
                        .as("each store written once for %s", id)
                        .hasSize(2);
            }
            String second = Files.readString(Imports.dataDirectory().resolveSibling("logs/import-service-2.log"));
            assertThat(second).as("the second instance took some of the work").contains("runs on");
        } finally {
            GlimpseSuite.glimpse("stop", "import-service-2");
        }
    }

    @Test
    void anImportDuringAKafkaOutageCompletesAndItsEventsArriveWhenKafkaReturns() {
        String id = newRawImage("alice");
        stage("alice", id, randomBytes(1024 * 1024, 50)).then().statusCode(204);
        GlimpseSuite.glimpse("stop", "kafka");
        try {
            startImport("alice", id, method("glance-direct")).then().statusCode(202);
            // No hand-out can arrive: the sweep starts the task, and it runs to the end without Kafka.
            awaitImage("alice", id, image -> "active".equals(image.getString("status")));
            assertThat(awaitTaskEnd("alice", id)).containsEntry("status", "success");
        } finally {
            GlimpseSuite.glimpse("start", "kafka");
        }
        try (TopicReader events = new TopicReader(Topics.TASKS)) {
            List<ConsumerRecord<String, String>> records = events.awaitRecords(
                    id, seen -> seen.stream().anyMatch(r -> "task.success".equals(type(r))), Duration.ofSeconds(60));
            assertThat(records.stream().map(ImportFaultsTest::type).filter(t -> !t.endsWith(".progress")))
                    .containsExactly(
                            "task.create",
                            "task.processing",
                            "image.import.start",
                            "image.import.store.success",
                            "image.import.finish",
                            "task.success");
        }
    }

    @Test
    void aFailingStoreRevertsTheImportWhenAllMustSucceedAndIsRecordedWhenNot() {
        String strict = newRawImage("alice");
        String lenient = newRawImage("alice");
        byte[] data = randomBytes(1024 * 1024, 60);
        stage("alice", strict, data).then().statusCode(204);
        stage("alice", lenient, data).then().statusCode(204);
        GlimpseSuite.glimpse("stop", "s3");
        try {
            startImport("alice", strict, method("glance-direct", "all_stores", true))
                    .then()
                    .statusCode(202);
            Map<String, Object> failed = awaitTaskEnd("alice", strict);
            assertThat(failed).containsEntry("status", "failure");
            assertThat((String) failed.get("message")).contains("s3");
            JsonPath reverted = show("alice", strict);
            assertThat(reverted.getString("status")).isEqualTo("queued");
            assertThat(reverted.getString("stores")).isNull();
            assertThat(reverted.getString("size")).isNull();
            assertThat(Imports.filesOf(strict))
                    .as("no data left in any store or staging")
                    .isEmpty();

            startImport(
                            "alice",
                            lenient,
                            Map.of(
                                    "method",
                                    Map.of("name", "glance-direct"),
                                    "all_stores",
                                    true,
                                    "all_stores_must_succeed",
                                    false))
                    .then()
                    .statusCode(202);
            assertThat(awaitTaskEnd("alice", lenient)).containsEntry("status", "success");
            JsonPath partly = show("alice", lenient);
            assertThat(partly.getString("status")).isEqualTo("active");
            assertThat(partly.getString("stores")).isEqualTo("file");
            assertThat(partly.getString("os_glance_failed_import")).isEqualTo("s3");
            assertThat(partly.getString("os_glance_importing_to_stores")).isEmpty();
        } finally {
            GlimpseSuite.glimpse("start", "s3");
        }
    }

    @Test
    void anImageDeletedMidImportLeavesNothingBehind() throws Exception {
        String id = newRawImage("alice");
        Path data = randomFile(256L * 1024 * 1024, 70);
        try {
            Imports.stageFile("alice", id, data).then().statusCode(204);
            startImport("alice", id, method("glance-direct", "stores", List.of("s3")))
                    .then()
                    .statusCode(202);
            awaitBytesMoving(id);
            as("alice").delete("/v2/images/" + id).then().statusCode(204);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!Imports.filesOf(id).isEmpty() && Instant.now().isBefore(deadline)) {
                Imports.sleep(250);
            }
            assertThat(Imports.filesOf(id))
                    .as("staging, file store and S3 hold nothing of it")
                    .isEmpty();
        } finally {
            Files.deleteIfExists(data);
        }
    }

    private static String type(ConsumerRecord<String, String> record) {
        return TopicReader.header(record, "ce_type").orElseThrow();
    }
}
