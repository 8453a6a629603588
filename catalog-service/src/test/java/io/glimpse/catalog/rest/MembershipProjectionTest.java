package io.glimpse.catalog.rest;

import io.glimpse.contracts.event.Actor;
import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.MemberEventData;
import io.glimpse.contracts.event.MemberSnapshot;
import io.glimpse.contracts.model.MemberStatus;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.testsupport.EventPublisher;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.glimpse.catalog.Api.as;
import static io.glimpse.catalog.Api.asService;
import static io.glimpse.catalog.Api.createId;
import static io.glimpse.catalog.Api.listIds;
import static io.glimpse.catalog.Api.show;
import static io.glimpse.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The membership projection behind show and list of shared images: fed by sharing's push
 * (PUT /internal/memberships) and by glimpse.members events, both ordered by sequence, with tombstones.
 */
@QuarkusTest
class MembershipProjectionTest {
    private static EventPublisher publisher;

    @BeforeAll
    static void connect() {
        publisher = new EventPublisher();
    }

    @AfterAll
    static void disconnect() {
        publisher.close();
    }

    private static MemberEventData change(String imageId, long sequence, MemberStatus status, boolean deleted) {
        Instant now = Instant.now();
        return new MemberEventData(
                sequence,
                new Actor("project-a", "alice"),
                "req-test",
                deleted,
                new MemberSnapshot(imageId, "project-b", status, now, now));
    }

    private static Response push(MemberEventData data) {
        return asService()
                .contentType(ContentType.JSON)
                .body(EventJson.write(data))
                .put("/internal/memberships");
    }

    @Test
    void pushedMembershipsDecideWhatAMemberSeesAndLists() {
        String tag = unique("shared");
        String id = createId("alice", Map.of("name", unique("shared"), "tags", List.of(tag)));
        assertThat(show("bob", id).statusCode()).isEqualTo(404);

        assertThat(push(change(id, 1, MemberStatus.PENDING, false)).statusCode())
                .isEqualTo(204);
        assertThat(show("bob", id).statusCode()).isEqualTo(200);
        assertThat(listIds("bob", "tag=" + tag)).isEmpty();
        assertThat(listIds("bob", "tag=" + tag + "&visibility=shared&member_status=pending"))
                .containsExactly(id);
        assertThat(listIds("bob", "tag=" + tag + "&member_status=all")).containsExactly(id);

        push(change(id, 2, MemberStatus.ACCEPTED, false));
        assertThat(listIds("bob", "tag=" + tag)).containsExactly(id);
        assertThat(push(change(id, 1, MemberStatus.REJECTED, false)).statusCode())
                .isEqualTo(204);
        assertThat(listIds("bob", "tag=" + tag)).containsExactly(id);

        push(change(id, 4, MemberStatus.ACCEPTED, true));
        assertThat(show("bob", id).statusCode()).isEqualTo(404);
        push(change(id, 3, MemberStatus.ACCEPTED, false));
        assertThat(show("bob", id).statusCode()).isEqualTo(404);
        assertThat(listIds("bob", "tag=" + tag)).isEmpty();
    }

    @Test
    void aMemberMayReadButNotModify() {
        String id = createId("alice", Map.of("name", unique("read-only-share")));
        push(change(id, 1, MemberStatus.ACCEPTED, false));

        assertThat(as("bob").put("/v2/images/" + id + "/tags/x").statusCode()).isEqualTo(403);
        assertThat(as("bob").delete("/v2/images/" + id).statusCode()).isEqualTo(403);
    }

    @Test
    void theInternalPushNeedsTheServiceRoleAndACompleteBody() {
        String id = createId("alice", Map.of("name", unique("push")));

        assertThat(as("alice")
                        .contentType(ContentType.JSON)
                        .body(EventJson.write(change(id, 1, MemberStatus.ACCEPTED, false)))
                        .put("/internal/memberships")
                        .statusCode())
                .isEqualTo(403);
        assertThat(asService()
                        .contentType(ContentType.JSON)
                        .body("{\"sequence\":1}")
                        .put("/internal/memberships")
                        .statusCode())
                .isEqualTo(400);
        assertThat(asService()
                        .contentType(ContentType.JSON)
                        .body("{\"sequence\":1,\"member\":{\"image_id\":\"x\","
                                + "\"member_id\":\"y\",\"status\":\"maybe\"}}")
                        .put("/internal/memberships")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void memberEventsFeedTheProjectionOnceEachAndInOrder() throws InterruptedException {
        String id = createId("alice", Map.of("name", unique("evented")));
        String firstEvent = UUID.randomUUID().toString();
        publish(id, firstEvent, change(id, 1, MemberStatus.ACCEPTED, false));
        await(() -> show("bob", id).statusCode() == 200);

        // a redelivery of the same event id, even with other data, changes nothing (inbox)
        publish(id, firstEvent, change(id, 5, MemberStatus.ACCEPTED, true));
        publish(id, UUID.randomUUID().toString(), change(id, 2, MemberStatus.REJECTED, false));
        await(() -> listIds("bob", "id=" + id + "&visibility=shared&member_status=rejected")
                .contains(id));
        publish(id, UUID.randomUUID().toString(), change(id, 4, MemberStatus.ACCEPTED, true));
        await(() -> show("bob", id).statusCode() == 404);
        publish(id, UUID.randomUUID().toString(), change(id, 3, MemberStatus.ACCEPTED, false));
        String sentinel = createId("alice", Map.of("name", unique("sentinel")));
        publish(sentinel, UUID.randomUUID().toString(), change(sentinel, 1, MemberStatus.ACCEPTED, false));
        await(() -> show("bob", sentinel).statusCode() == 200);

        assertThat(show("bob", id).statusCode()).isEqualTo(404);
    }

    @Test
    void unreadableMemberRecordsGoToTheDeadLetterTopicAndTheConsumerGoesOn() throws InterruptedException {
        String broken = UUID.randomUUID().toString();
        publisher.garbage(Topics.MEMBERS, 0, broken, "{not a member event");
        String sentinel = createId("alice", Map.of("name", unique("after-garbage")));
        publish(sentinel, UUID.randomUUID().toString(), change(sentinel, 1, MemberStatus.ACCEPTED, false));

        await(() -> show("bob", sentinel).statusCode() == 200);

        try (io.glimpse.testsupport.TopicReader deadLetters =
                new io.glimpse.testsupport.TopicReader("glimpse.members.dead-letter")) {
            assertThat(deadLetters.awaitFirst(broken, Duration.ofSeconds(30)).value())
                    .isEqualTo("{not a member event");
        }
    }

    @Test
    void internalImageLookupAnswersTheStateAndItsSequence() {
        String id = createId("alice", Map.of("name", unique("internal"), "hw_disk_bus", "scsi"));
        as("alice").put("/v2/images/" + id + "/tags/seq");

        Response state = asService().get("/internal/images/" + id);

        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.jsonPath().getLong("sequence")).isEqualTo(2);
        assertThat(state.jsonPath().getString("image.owner")).isEqualTo("project-a");
        assertThat(state.jsonPath().getString("image.properties.hw_disk_bus")).isEqualTo("scsi");
        assertThat(asService().get("/internal/images/" + UUID.randomUUID()).statusCode())
                .isEqualTo(404);
        String deleted = createId("alice", Map.of("name", unique("internal-deleted")));
        as("alice").delete("/v2/images/" + deleted);
        assertThat(asService().get("/internal/images/" + deleted).statusCode()).isEqualTo(404);
        assertThat(as("alice").get("/internal/images/" + id).statusCode()).isEqualTo(403);
    }

    private static void publish(String imageId, String eventId, MemberEventData data) {
        String type = data.deleted() ? "image.member.delete" : "image.member.update";
        publisher.cloudEvent(Topics.MEMBERS, 0, imageId, eventId, type, EventJson.write(data));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition in time").isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
