package io.glimpse.sharing.service;

import io.glimpse.contracts.event.EventJson;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.glimpse.sharing.TestImages.addMember;
import static io.glimpse.sharing.TestImages.as;
import static io.glimpse.sharing.TestImages.listMembers;
import static io.glimpse.sharing.TestImages.setStatus;
import static org.assertj.core.api.Assertions.assertThat;

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

        Response added = as("alice").header("X-Openstack-Request-Id", requestId).body(Map.of("member", "project-b"))
                .post("/v2/images/" + image + "/members");
        List<MemberEventData> pushedAfterAdd = pushesFor(image);
        setStatus("bob", image, "project-b", "accepted");
        List<MemberEventData> pushedAfterAccept = pushesFor(image);
        TestImages.deleteMember("alice", image, "project-b");
        List<MemberEventData> pushedAfterDelete = pushesFor(image);

        assertThat(added.statusCode()).isEqualTo(200);
        List<ConsumerRecord<String, String>> records = members.awaitRecords(image, r -> r.size() >= 3, Duration.ofSeconds(30));
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_type").orElseThrow())
                .containsExactly(EventTypes.MEMBER_CREATE, EventTypes.MEMBER_UPDATE, EventTypes.MEMBER_DELETE);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_subject").orElseThrow()).containsOnly(image);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_source").orElseThrow())
                .containsOnly("/glimpse/sharing-service");
        List<MemberEventData> events = records.stream().map(r -> EventJson.read(r.value(), MemberEventData.class)).toList();
        assertThat(events).extracting(MemberEventData::sequence).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(MemberEventData::deleted).containsExactly(false, false, true);
        assertThat(events).extracting(e -> e.member().status())
                .containsExactly(MemberStatus.PENDING, MemberStatus.ACCEPTED, MemberStatus.ACCEPTED);
        assertThat(events).extracting(e -> e.actor().projectId()).containsExactly("project-a", "project-b", "project-a");
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
        assertThat(EventJson.read(created.value(), MemberEventData.class).member().memberId()).isEqualTo("project-b");
    }

    @Test
    void deletingTheImageDeletesItsMembershipsWithEvents() {
        String image = TestImages.sharedOfAlice();
        addMember("alice", image, "project-b");
        addMember("alice", image, "project-c");

        TestImages.change(image, EventTypes.IMAGE_DELETE, 2, Visibility.SHARED, ImageStatus.DELETED);

        assertThat(listMembers("alice", image).statusCode()).isEqualTo(404);
        assertThat(addMember("alice", image, "project-d").statusCode()).isEqualTo(404);
        List<MemberEventData> events = members.awaitRecords(image, r -> r.size() >= 4, Duration.ofSeconds(30)).stream()
                .map(r -> EventJson.read(r.value(), MemberEventData.class)).toList();
        assertThat(events).extracting(MemberEventData::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events.subList(2, 4)).allMatch(MemberEventData::deleted)
                .extracting(e -> e.member().memberId()).containsExactlyInAnyOrder("project-b", "project-c");
        assertThat(events.get(2).actor().projectId()).isEqualTo("project-a");
        // A late or replayed older event cannot bring the image back.
        TestImages.publish(EventTypes.IMAGE_UPDATE, 1, TestImages.snapshot(image, "project-a", Visibility.SHARED,
                ImageStatus.ACTIVE));
        String sentinel = TestImages.sharedOfAlice();
        assertThat(TestImages.projection(sentinel).statusCode()).isEqualTo(200);
        assertThat(TestImages.projection(image).jsonPath().getString("status")).isEqualTo("deleted");
        assertThat(listMembers("alice", image).statusCode()).isEqualTo(404);
    }

    @Test
    void leavingSharedVisibilityKeepsMembershipsButTheyGrantNothing() {
        String image = TestImages.sharedOfAlice();
        addMember("alice", image, "project-b");
        setStatus("bob", image, "project-b", "accepted");

        TestImages.change(image, EventTypes.IMAGE_UPDATE, 2, Visibility.PRIVATE, ImageStatus.ACTIVE);

        assertThat(listMembers("alice", image).statusCode()).isEqualTo(403);
        assertThat(listMembers("bob", image).statusCode()).isEqualTo(404);
        assertThat(setStatus("bob", image, "project-b", "rejected").statusCode()).isEqualTo(404);

        TestImages.change(image, EventTypes.IMAGE_UPDATE, 3, Visibility.SHARED, ImageStatus.ACTIVE);

        Response restored = listMembers("bob", image);
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(restored.jsonPath().getList("members.status")).containsExactly("accepted");
    }

    private static List<MemberEventData> pushesFor(String image) {
        return FakeCatalogControl.pushes().stream().filter(p -> p.member().imageId().equals(image)).toList();
    }
}
