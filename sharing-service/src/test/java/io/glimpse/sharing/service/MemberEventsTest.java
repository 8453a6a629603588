package io.glimpse.sharing.service;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.ImageSnapshot;
import io.glimpse.contracts.event.MemberEventData;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.model.MemberStatus;
import io.glimpse.contracts.model.Visibility;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.sharing.TestImages;
import io.glimpse.sharing.client.FakeCatalogControl;
import io.glimpse.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static io.glimpse.sharing.TestImages.addMember;
import static io.glimpse.sharing.TestImages.as;
import static io.glimpse.sharing.TestImages.listMembers;
import static io.glimpse.sharing.TestImages.setStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What membership changes leave behind: {@code image.member.*} events on {@code glimpse.members}
 * (through the outbox, numbered per image), the same data pushed to catalog before the call answers,
 * and how image events (visibility changes, deletion) act on memberships.
 */
@QuarkusTest
class MemberEventsTest {
    private static TopicReader members;

    @BeforeAll
    static void read() {
        members = new TopicReader(Topics.MEMBERS);
    }

    @AfterAll
    static void close() {
        members.close();
    }

    @Test
    void everyChangeIsAnEventNumberedPerImageAndPushedToCatalogBeforeTheAnswer() {
        String image = TestImages.sharedOfAlice();
        String requestId = "req-" + UUID.randomUUID();

        Response added = as("alice")
                .header("X-Openstack-Request-Id", requestId)
                .body(Map.of("member", "project-b"))
                .post("/v2/images/" + image + "/members");
        List<MemberEventData> pushedAfterAdd = pushesFor(image);
        setStatus("bob", image, "project-b", "accepted");
        List<MemberEventData> pushedAfterAccept = pushesFor(image);
        TestImages.deleteMember("alice", image, "project-b");
        List<MemberEventData> pushedAfterDelete = pushesFor(image);

        assertThat(added.statusCode()).isEqualTo(200);
        List<ConsumerRecord<String, String>> records =
                members.awaitRecords(image, r -> r.size() >= 3, Duration.ofSeconds(30));
        assertThat(records)
                .extracting(r -> TopicReader.header(r, "ce_type").orElseThrow())
                .containsExactly(EventTypes.MEMBER_CREATE, EventTypes.MEMBER_UPDATE, EventTypes.MEMBER_DELETE);
        assertThat(records)
                .extracting(r -> TopicReader.header(r, "ce_subject").orElseThrow())
                .containsOnly(image);
        assertThat(records)
                .extracting(r -> TopicReader.header(r, "ce_source").orElseThrow())
                .containsOnly("/glimpse/sharing-service");
        List<MemberEventData> events = records.stream()
                .map(r -> EventJson.read(r.value(), MemberEventData.class))
                .toList();
        assertThat(events).extracting(MemberEventData::sequence).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(MemberEventData::deleted).containsExactly(false, false, true);
        assertThat(events)
                .extracting(e -> e.member().status())
                .containsExactly(MemberStatus.PENDING, MemberStatus.ACCEPTED, MemberStatus.ACCEPTED);
        assertThat(events)
                .extracting(e -> e.actor().projectId())
                .containsExactly("project-a", "project-b", "project-a");
        assertThat(events.get(0).requestId()).isEqualTo(requestId);
        assertThat(events.get(0).member().memberId()).isEqualTo("project-b");
        assertThat(events.get(0).member().createdAt().toString())
                .isEqualTo(added.jsonPath().getString("created_at"));
        // Pushed synchronously: each push was there when its call answered, and equals its event.
        assertThat(pushedAfterAdd).containsExactly(events.get(0));
        assertThat(pushedAfterAccept).containsExactly(events.get(0), events.get(1));
        assertThat(pushedAfterDelete).containsExactlyElementsOf(events);
    }

    @Test
    void aFailedPushDoesNotFailTheCallAndTheEventStillCarriesIt() {
        String image = TestImages.sharedOfAlice();
        FakeCatalogControl.answerPushesWith(500);
        Response added;
        try {
            added = addMember("alice", image, "project-b");
        } finally {
            FakeCatalogControl.answerPushesWith(204);
        }

        assertThat(added.statusCode()).isEqualTo(200);
        ConsumerRecord<String, String> created = members.awaitFirst(image, Duration.ofSeconds(30));
        assertThat(EventJson.read(created.value(), MemberEventData.class)
                        .member()
                        .memberId())
                .isEqualTo("project-b");
    }

    @Test
    void deletingTheImageDeletesItsMembershipsWithEventsOnceWhateverIsReplayed() {
        String image = TestImages.sharedOfAlice();
        addMember("alice", image, "project-b");
        addMember("alice", image, "project-c");
        String deleteEvent = UUID.randomUUID().toString();
        ImageSnapshot deleted = TestImages.snapshot(image, "project-a", Visibility.SHARED, ImageStatus.DELETED);

        TestImages.publish(deleteEvent, EventTypes.IMAGE_DELETE, 2, deleted);
        TestImages.awaitSequence(image, 2);

        assertThat(listMembers("alice", image).statusCode()).isEqualTo(404);
        assertThat(addMember("alice", image, "project-d").statusCode()).isEqualTo(404);
        List<MemberEventData> events = members.awaitRecords(image, r -> r.size() >= 4, Duration.ofSeconds(30)).stream()
                .map(r -> EventJson.read(r.value(), MemberEventData.class))
                .toList();
        assertThat(events).extracting(MemberEventData::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events.subList(2, 4))
                .allMatch(MemberEventData::deleted)
                .extracting(e -> e.member().memberId())
                .containsExactlyInAnyOrder("project-b", "project-c");
        assertThat(events.get(2).actor().projectId()).isEqualTo("project-a");

        // Redelivered, repeated under another id, or an older event arriving late: nothing changes.
        TestImages.publish(deleteEvent, EventTypes.IMAGE_DELETE, 2, deleted);
        TestImages.publish(EventTypes.IMAGE_DELETE, 2, deleted);
        TestImages.publish(
                EventTypes.IMAGE_UPDATE,
                1,
                TestImages.snapshot(image, "project-a", Visibility.SHARED, ImageStatus.ACTIVE));
        String sentinel = TestImages.sharedOfAlice();
        assertThat(TestImages.projection(image).jsonPath().getString("status")).isEqualTo("deleted");
        assertThat(listMembers("alice", image).statusCode()).isEqualTo(404);
        addMember("alice", sentinel, "project-b");
        members.awaitFirst(sentinel, Duration.ofSeconds(30));
        assertThatThrownBy(() -> members.awaitRecords(image, r -> r.size() > 4, Duration.ofSeconds(3)))
                .as("no member event after the first delete")
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void concurrentChangesOfOneImageGetGaplessSequencesInPartitionOrder() throws Exception {
        String image = TestImages.sharedOfAlice();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> distinct = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String member = "concurrent-" + i;
                distinct.add(
                        callers.submit(() -> addMember("alice", image, member).statusCode()));
            }
            List<Future<Integer>> sameMember = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sameMember.add(callers.submit(
                        () -> addMember("alice", image, "the-same").statusCode()));
            }

            for (Future<Integer> answer : distinct) {
                assertThat(answer.get()).isEqualTo(200);
            }
            List<Integer> sameAnswers = new ArrayList<>();
            for (Future<Integer> answer : sameMember) {
                sameAnswers.add(answer.get());
            }
            assertThat(sameAnswers).containsExactlyInAnyOrder(200, 409, 409, 409);
        } finally {
            callers.shutdownNow();
        }
        List<Long> sequences = members.awaitRecords(image, r -> r.size() >= 13, Duration.ofSeconds(30)).stream()
                .map(r -> EventJson.read(r.value(), MemberEventData.class).sequence())
                .toList();
        assertThat(sequences)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 13).boxed().toList());
        assertThat(TestImages.projection(image).jsonPath().getLong("member_sequence"))
                .isEqualTo(13);
    }

    @Test
    void leavingSharedVisibilityKeepsMembershipsButTheyGrantNothing() {
        String image = TestImages.sharedOfAlice();
        addMember("alice", image, "project-b");
        setStatus("bob", image, "project-b", "accepted");

        TestImages.change(image, EventTypes.IMAGE_UPDATE, 2, Visibility.PRIVATE, ImageStatus.ACTIVE);

        assertThat(listMembers("alice", image).statusCode()).isEqualTo(403);
        assertThat(listMembers("bob", image).statusCode()).isEqualTo(404);
        assertThat(setStatus("bob", image, "project-b", "rejected").statusCode())
                .isEqualTo(404);

        TestImages.change(image, EventTypes.IMAGE_UPDATE, 3, Visibility.SHARED, ImageStatus.ACTIVE);

        Response restored = listMembers("bob", image);
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(restored.jsonPath().getList("members.status")).containsExactly("accepted");
    }

    private static List<MemberEventData> pushesFor(String image) {
        return FakeCatalogControl.pushes().stream()
                .filter(p -> p.member().imageId().equals(image))
                .toList();
    }
}
