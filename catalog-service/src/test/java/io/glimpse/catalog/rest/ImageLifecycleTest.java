package io.glimpse.catalog.rest;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.ImageEventData;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.glimpse.catalog.Api.PATCH_V21;
import static io.glimpse.catalog.Api.as;
import static io.glimpse.catalog.Api.createId;
import static io.glimpse.catalog.Api.listIds;
import static io.glimpse.catalog.Api.op;
import static io.glimpse.catalog.Api.patch;
import static io.glimpse.catalog.Api.show;
import static io.glimpse.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Delete, tags, deactivate/reactivate, routing edge cases and the events every change writes. */
@QuarkusTest
class ImageLifecycleTest {

    @Test
    void deleteIsSoftAndEverythingAfterwardsIs404() {
        String name = unique("doomed");
        String id = createId("alice", Map.of("name", name));

        assertThat(as("alice").delete("/v2/images/" + id).statusCode()).isEqualTo(204);

        assertThat(show("alice", id).statusCode()).isEqualTo(404);
        assertThat(as("alice").delete("/v2/images/" + id).statusCode()).isEqualTo(404);
        assertThat(listIds("alice", "name=" + name)).isEmpty();
        assertThat(as("alice").delete("/v2/images/" + UUID.randomUUID()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void protectedImagesCannotBeDeletedAndOthersNeedTheirOwner() {
        String id = createId("alice", Map.of("name", unique("protected"), "protected", true));

        assertThat(as("alice").delete("/v2/images/" + id).statusCode()).isEqualTo(403);
        assertThat(as("bob").delete("/v2/images/" + id).statusCode()).isEqualTo(404);
        assertThat(as("carol").delete("/v2/images/" + id).statusCode()).isEqualTo(403);
        patch("alice", id, PATCH_V21, List.of(op("replace", "/protected", false)));
        assertThat(as("admin").delete("/v2/images/" + id).statusCode()).isEqualTo(204);
    }

    @Test
    void anEmptyIdIs404ForShowAndDelete() {
        assertThat(as("alice").get("/v2/images/").statusCode()).isEqualTo(404);
        assertThat(as("alice").delete("/v2/images/").statusCode()).isEqualTo(404);
        assertThat(show("alice", "x".repeat(40)).statusCode()).isEqualTo(404);
    }

    @Test
    void otherMethodsAre405WithAllow() {
        String id = createId("alice", Map.of("name", unique("methods")));

        Response onImage = as("alice").post("/v2/images/" + id);
        assertThat(onImage.statusCode()).isEqualTo(405);
        assertThat(onImage.header("Allow")).contains("GET", "PATCH", "DELETE");
        Response onCollection = as("alice").put("/v2/images");
        assertThat(onCollection.statusCode()).isEqualTo(405);
        assertThat(onCollection.header("Allow")).contains("GET", "POST");
        assertThat(as("alice").get("/v2/images/" + id + "/tags/x").statusCode()).isEqualTo(405);
    }

    @Test
    void aBodyWhereNoneIsExpectedIs400() {
        String id = createId("alice", Map.of("name", unique("nobody")));

        Response withBody =
                as("alice").contentType("application/json").body("{}").delete("/v2/images/" + id);

        assertThat(withBody.statusCode()).isEqualTo(400);
        assertThat(withBody.jsonPath().getString("message")).contains("A body is not expected with this request.");
        assertThat(as("alice")
                        .contentType("application/json")
                        .body("{}")
                        .put("/v2/images/" + id + "/tags/t")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void tagsCanBeAddedIdempotentlyAndRemoved() {
        String id = createId("alice", Map.of("name", unique("tags")));

        assertThat(as("alice").put("/v2/images/" + id + "/tags/blue").statusCode())
                .isEqualTo(204);
        assertThat(as("alice").put("/v2/images/" + id + "/tags/blue").statusCode())
                .isEqualTo(204);
        assertThat(show("alice", id).jsonPath().getList("tags")).containsExactly("blue");
        assertThat(as("alice").delete("/v2/images/" + id + "/tags/blue").statusCode())
                .isEqualTo(204);
        assertThat(show("alice", id).jsonPath().getList("tags")).isEmpty();

        assertThat(as("alice").delete("/v2/images/" + id + "/tags/blue").statusCode())
                .isEqualTo(404);
        assertThat(as("alice")
                        .put("/v2/images/" + UUID.randomUUID() + "/tags/x")
                        .statusCode())
                .isEqualTo(404);
        assertThat(as("alice")
                        .put("/v2/images/" + id + "/tags/" + "t".repeat(256))
                        .statusCode())
                .isEqualTo(400);
        assertThat(as("bob").put("/v2/images/" + id + "/tags/x").statusCode()).isEqualTo(404);
        assertThat(as("carol").put("/v2/images/" + id + "/tags/x").statusCode()).isEqualTo(403);
    }

    @Test
    void theTagQuotaIs413() {
        List<String> tags =
                java.util.stream.IntStream.range(0, 128).mapToObj(i -> "t" + i).toList();
        String id = createId("alice", Map.of("tags", tags));

        assertThat(as("alice").put("/v2/images/" + id + "/tags/t0").statusCode())
                .isEqualTo(204);
        assertThat(as("alice").put("/v2/images/" + id + "/tags/one-more").statusCode())
                .isEqualTo(413);
    }

    @Test
    void deactivateAndReactivateMoveOnlyBetweenActiveAndDeactivated() {
        String id = ImageFixtures.activeImage("alice", Map.of("name", unique("deact")));
        String queued = createId("alice", Map.of("name", unique("queued")));

        assertThat(as("alice").post("/v2/images/" + id + "/actions/deactivate").statusCode())
                .isEqualTo(204);
        assertThat(show("alice", id).jsonPath().getString("status")).isEqualTo("deactivated");
        assertThat(as("alice").post("/v2/images/" + id + "/actions/deactivate").statusCode())
                .isEqualTo(204);
        assertThat(as("alice").post("/v2/images/" + id + "/actions/reactivate").statusCode())
                .isEqualTo(204);
        assertThat(show("alice", id).jsonPath().getString("status")).isEqualTo("active");
        assertThat(as("alice").post("/v2/images/" + id + "/actions/reactivate").statusCode())
                .isEqualTo(204);

        Response notActive = as("alice").post("/v2/images/" + queued + "/actions/deactivate");
        assertThat(notActive.statusCode()).isEqualTo(403);
        assertThat(notActive.jsonPath().getString("message"))
                .contains("Not allowed to deactivate image in status 'queued'");
        assertThat(as("alice")
                        .post("/v2/images/" + queued + "/actions/reactivate")
                        .statusCode())
                .isEqualTo(403);
        assertThat(as("bob").post("/v2/images/" + id + "/actions/deactivate").statusCode())
                .isEqualTo(404);
        assertThat(as("carol").post("/v2/images/" + id + "/actions/deactivate").statusCode())
                .isEqualTo(403);
    }

    @Test
    void concurrentWritersTakeTurnsSoNoChangeAndNoSequenceIsLost() throws Exception {
        String id = createId("alice", Map.of("name", unique("race")));
        List<String> tags = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> "race-" + i)
                .toList();

        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (String tag : tags) {
                answers.add(pool.submit(() ->
                        as("alice").put("/v2/images/" + id + "/tags/" + tag).statusCode()));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(204);
            }
        }

        assertThat(show("alice", id).jsonPath().getList("tags")).containsExactlyInAnyOrderElementsOf(tags);
        assertThat(io.glimpse.catalog.Api.asService()
                        .get("/internal/images/" + id)
                        .jsonPath()
                        .getLong("sequence"))
                .isEqualTo(1 + tags.size());
    }

    @Test
    void everyChangeWritesItsEventWithTheNextSequence() {
        String id = ImageFixtures.activeImage("alice", Map.of("name", unique("events")));
        patch("alice", id, PATCH_V21, List.of(op("add", "/hw_disk_bus", "scsi")));
        as("alice").put("/v2/images/" + id + "/tags/evt");
        as("alice").post("/v2/images/" + id + "/actions/deactivate");
        as("alice").post("/v2/images/" + id + "/actions/reactivate");
        as("alice").delete("/v2/images/" + id);

        try (TopicReader reader = new TopicReader(Topics.IMAGES)) {
            List<ConsumerRecord<String, String>> records =
                    reader.awaitRecords(id, r -> r.size() >= 6, Duration.ofSeconds(60));

            assertThat(records)
                    .extracting(r -> TopicReader.header(r, "ce_type").orElseThrow())
                    .containsExactly(
                            "image.create",
                            "image.update",
                            "image.update",
                            "image.deactivate",
                            "image.reactivate",
                            "image.delete");
            List<ImageEventData> data = records.stream()
                    .map(r -> EventJson.read(r.value(), ImageEventData.class))
                    .toList();
            assertThat(data).extracting(ImageEventData::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(data.get(1).image().properties()).containsEntry("hw_disk_bus", "scsi");
            assertThat(data.get(2).image().tags()).containsExactly("evt");
            assertThat(data.get(3).image().status()).isEqualTo(ImageStatus.DEACTIVATED);
            assertThat(data.get(5).image().status()).isEqualTo(ImageStatus.DELETED);
            assertThat(data.get(5).actor().projectId()).isEqualTo("project-a");
            assertThat(TopicReader.header(records.get(5), "ce_subject")).contains(id);
        }
    }
}
