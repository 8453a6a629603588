package io.glimpse.systemtests;

import io.glimpse.contracts.topic.Topics;
import io.glimpse.testsupport.TopicReader;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.glimpse.systemtests.Imports.awaitImage;
import static io.glimpse.systemtests.Imports.awaitImportEnd;
import static io.glimpse.systemtests.Imports.awaitTaskEnd;
import static io.glimpse.systemtests.Imports.download;
import static io.glimpse.systemtests.Imports.filesOf;
import static io.glimpse.systemtests.Imports.md5;
import static io.glimpse.systemtests.Imports.method;
import static io.glimpse.systemtests.Imports.newRawImage;
import static io.glimpse.systemtests.Imports.randomBytes;
import static io.glimpse.systemtests.Imports.show;
import static io.glimpse.systemtests.Imports.stage;
import static io.glimpse.systemtests.Imports.startImport;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interoperable import through the gateway with real tokens (glance-v2-api.md §5.3, §8): glance-direct to one
 * store, to chosen stores and to all stores; copy-image by an admin from the file store to S3 and back; the image's
 * observable state, its tasks and the events an operator watches.
 */
class ImageImportTest extends ThroughTheGateway {

    @Test
    void glanceDirectStagesThenImportsIntoTheDefaultStore() {
        String id = newRawImage("alice");
        byte[] data = randomBytes(3 * 1024 * 1024 + 17, 1);

        stage("alice", id, data).then().statusCode(204);
        JsonPath staged = show("alice", id);
        assertThat(staged.getString("status")).isEqualTo("uploading");
        assertThat(staged.getLong("size")).isEqualTo(data.length);

        Response accepted = startImport("alice", id, method("glance-direct"));
        accepted.then().statusCode(202);
        JsonPath image = awaitImage("alice", id, shown -> "active".equals(shown.getString("status")));

        assertThat(image.getString("checksum")).isEqualTo(md5(data));
        assertThat(image.getString("os_hash_algo")).isEqualTo("sha512");
        assertThat(image.getLong("size")).isEqualTo(data.length);
        assertThat(image.getString("stores")).isEqualTo("file");
        assertThat(image.getString("os_glance_importing_to_stores")).isEmpty();
        assertThat(image.getString("os_glance_failed_import")).isEmpty();
        assertThat(image.getString("os_glance_import_task")).isNull();
        assertThat(download("alice", id)).isEqualTo(data);

        Map<String, Object> task = awaitTaskEnd("alice", id);
        assertThat(task).containsEntry("status", "success").containsEntry("type", "api_image_import");
        // Tempest compares the import response's request id with the task's.
        assertThat(task.get("request_id")).isEqualTo(accepted.header("X-Openstack-Request-Id"));
        assertThat(task.get("result")).isEqualTo(Map.of("image_id", id));
        assertThat(filesOf(id))
                .as("nothing left in staging")
                .noneMatch(path -> path.toString().contains("staging"));
    }

    @Test
    void glanceDirectIntoChosenStoresAndIntoAllStores() {
        String chosen = newRawImage("alice");
        byte[] data = randomBytes(2 * 1024 * 1024, 2);
        stage("alice", chosen, data).then().statusCode(204);
        startImport("alice", chosen, Map.of("method", Map.of("name", "glance-direct"), "stores", List.of("s3")))
                .then()
                .statusCode(202);
        JsonPath inS3 = awaitImage("alice", chosen, image -> "active".equals(image.getString("status")));
        assertThat(inS3.getString("stores")).isEqualTo("s3");
        assertThat(download("alice", chosen)).isEqualTo(data);

        String everywhere = newRawImage("alice");
        stage("alice", everywhere, data).then().statusCode(204);
        startImport("alice", everywhere, Map.of("method", Map.of("name", "glance-direct"), "all_stores", true))
                .then()
                .statusCode(202);
        JsonPath inBoth = awaitImage("alice", everywhere, image -> "active".equals(image.getString("status")));
        // Listed by store weight (file 100, s3 50), which is also the sorted order tempest's waiter compares with.
        assertThat(inBoth.getString("stores")).isEqualTo("file,s3");
        assertThat(inBoth.getString("checksum")).isEqualTo(md5(data));
    }

    @Test
    void copyImageByAnAdminFromFileToS3AndFromS3ToFile() {
        String id = newRawImage("alice");
        byte[] data = randomBytes(5 * 1024 * 1024 + 3, 3);
        stage("alice", id, data).then().statusCode(204);
        startImport("alice", id, method("glance-direct")).then().statusCode(202);
        awaitImage("alice", id, image -> "active".equals(image.getString("status")));

        startImport("admin", id, Map.of("method", Map.of("name", "copy-image"), "stores", List.of("s3")))
                .then()
                .statusCode(202);
        JsonPath copied = awaitImportEnd("admin", id);
        assertThat(copied.getString("stores")).isEqualTo("file,s3");
        assertThat(copied.getString("status")).isEqualTo("active");
        assertThat(copied.getString("os_glance_failed_import")).isEmpty();

        // And back: an image in S3 only, copied to the file store.
        String fromS3 = newRawImage("alice");
        as("alice")
                .contentType("application/octet-stream")
                .header("X-Image-Meta-Store", "s3")
                .body(data)
                .put("/v2/images/" + fromS3 + "/file")
                .then()
                .statusCode(204);
        startImport("admin", fromS3, Map.of("method", Map.of("name", "copy-image"), "all_stores", true))
                .then()
                .statusCode(202);
        JsonPath back = awaitImportEnd("admin", fromS3);
        assertThat(back.getString("stores")).isEqualTo("file,s3");
        // Nothing left to copy: 202 and no new task (Glance's answer).
        int tasksBefore = Imports.tasks("admin", fromS3).size();
        startImport("admin", fromS3, Map.of("method", Map.of("name", "copy-image"), "all_stores", true))
                .then()
                .statusCode(202);
        assertThat(Imports.tasks("admin", fromS3)).hasSize(tasksBefore);
        // The copy in the file store serves the same bytes.
        as("alice")
                .queryParam("prefer", "file")
                .get("/v2/images/" + fromS3 + "/file")
                .then()
                .statusCode(200);
        assertThat(download("alice", fromS3)).isEqualTo(data);
    }

    /**
     * A store that corrupted an image's data must not spread it: copy-image checks the data it copies against the
     * image's os_hash_value, and a mismatch fails the copy with nothing written.
     */
    @Test
    void copyImageRefusesDataThatNoLongerMatchesTheImage() throws IOException {
        String id = newRawImage("alice");
        byte[] data = randomBytes(3 * 1024 * 1024 + 1, 7);
        as("alice")
                .contentType("application/octet-stream")
                .body(data)
                .put("/v2/images/" + id + "/file")
                .then()
                .statusCode(204);
        // One byte flipped in place in the file store, the size unchanged: bit rot.
        try (RandomAccessFile file = new RandomAccessFile(
                Imports.dataDirectory().resolve("images").resolve(id).toFile(), "rw")) {
            file.seek(2 * 1024 * 1024 + 17);
            int original = file.read();
            file.seek(2 * 1024 * 1024 + 17);
            file.write(original ^ 0x01);
        }

        startImport("admin", id, Map.of("method", Map.of("name", "copy-image"), "stores", List.of("s3")))
                .then()
                .statusCode(202);
        JsonPath after = awaitImportEnd("admin", id);

        assertThat(after.getString("stores")).isEqualTo("file");
        Map<String, Object> task = awaitTaskEnd("admin", id);
        assertThat(task).containsEntry("status", "failure");
        assertThat((String) task.get("message")).contains("does not match its checksum");
        assertThat(filesOf(id))
                .singleElement()
                .satisfies(path -> assertThat(path.toString()).endsWith("images/" + id));
    }

    @Test
    void operatorsSeeTheImportAsOrderedEventsOnTheTasksTopic() {
        String id = newRawImage("alice");
        stage("alice", id, randomBytes(1024 * 1024, 4)).then().statusCode(204);
        try (TopicReader tasks = new TopicReader(Topics.TASKS)) {
            startImport("alice", id, method("glance-direct")).then().statusCode(202);
            List<ConsumerRecord<String, String>> records = tasks.awaitRecords(
                    id, seen -> seen.stream().anyMatch(r -> "task.success".equals(type(r))), Duration.ofSeconds(60));
            List<String> types = records.stream()
                    .map(ImageImportTest::type)
                    .filter(type -> !type.equals("image.import.progress"))
                    .toList();
            assertThat(types)
                    .containsExactly(
                            "task.create",
                            "task.processing",
                            "image.import.start",
                            "image.import.store.success",
                            "image.import.finish",
                            "task.success");
            List<Long> sequences = records.stream()
                    .map(r -> JsonPath.from(r.value()).getLong("sequence"))
                    .toList();
            assertThat(sequences).isSorted().doesNotHaveDuplicates();
            JsonPath success = JsonPath.from(records.stream()
                    .filter(r -> "image.import.store.success".equals(type(r)))
                    .findFirst()
                    .orElseThrow()
                    .value());
            assertThat(success.getString("store")).isEqualTo("file");
            assertThat(success.getString("task.image_id")).isEqualTo(id);
            assertThat(success.getString("actor.project_id")).isEqualTo("project-a");
        }
    }

    private static String type(ConsumerRecord<String, String> record) {
        return TopicReader.header(record, "ce_type").orElseThrow();
    }
}
