package io.glimpse.sharing;

import io.glimpse.contracts.event.Actor;
import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.ImageEventData;
import io.glimpse.contracts.event.ImageSnapshot;
import io.glimpse.contracts.event.ImageState;
import io.glimpse.contracts.model.ImageStatus;
import io.glimpse.contracts.model.Visibility;
import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.testsupport.EventPublisher;
import io.glimpse.testsupport.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Makes images known to sharing the way catalog does: image events on {@code glimpse.images}, then
 * waits until the projection has applied them. Plus requests as the realm's demo users.
 */
public final class TestImages {
    private static final EventPublisher PUBLISHER = new EventPublisher();

    private TestImages() {}

    /** A new image of alice's project-a, shared (Glance's default), known to sharing. */
    public static String sharedOfAlice() {
        return known(Visibility.SHARED);
    }

    /** A new image of project-a with this visibility, known to sharing. */
    public static String known(Visibility visibility) {
        String id = UUID.randomUUID().toString();
        publish(EventTypes.IMAGE_CREATE, 1, snapshot(id, "project-a", visibility, ImageStatus.QUEUED));
        awaitSequence(id, 1);
        return id;
    }

    /** Publishes the image event {@code type} with this sequence and waits until sharing applied it. */
    public static void change(String id, String type, long sequence, Visibility visibility, ImageStatus status) {
        publish(type, sequence, snapshot(id, "project-a", visibility, status));
        awaitSequence(id, sequence);
    }

    public static void publish(String type, long sequence, ImageSnapshot image) {
        publish(UUID.randomUUID().toString(), type, sequence, image);
    }

    /** With a chosen CloudEvent id, to replay an event. Partition 0, so a test's events stay in order. */
    public static void publish(String eventId, String type, long sequence, ImageSnapshot image) {
        ImageEventData data = new ImageEventData(sequence, new Actor("project-a", "alice-id"), "req-" + eventId, image);
        PUBLISHER.cloudEvent(Topics.IMAGES, 0, image.id(), eventId, type, EventJson.write(data));
    }

    public static ImageSnapshot snapshot(String id, String owner, Visibility visibility, ImageStatus status) {
        Instant now = Instant.now();
        return new ImageSnapshot(
                id,
                "test-image",
                status,
                visibility,
                false,
                false,
                owner,
                null,
                null,
                null,
                null,
                null,
                "qcow2",
                "bare",
                0,
                0,
                List.of(),
                Map.of(),
                now,
                now);
    }

    public static ImageState state(String id, long sequence, Visibility visibility) {
        return new ImageState(sequence, snapshot(id, "project-a", visibility, ImageStatus.ACTIVE));
    }

    /** What sharing's projection holds for the image (404 when nothing). */
    public static Response projection(String id) {
        return RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.serviceAccount())
                .accept(ContentType.JSON)
                .get("/internal/image-projection/" + id);
    }

    public static void awaitSequence(String id, long sequence) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Response projection = projection(id);
            if (projection.statusCode() == 200 && projection.jsonPath().getLong("sequence") >= sequence) {
                return;
            }
            assertThat(Instant.now())
                    .as("projection of %s at sequence %d in time", id, sequence)
                    .isBefore(deadline);
            sleep();
        }
    }

    /** A request as a demo user (admin, alice, bob, carol), JSON both ways. */
    public static RequestSpecification as(String user) {
        return RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.forUser(user))
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    public static Response addMember(String user, String imageId, String member) {
        return as(user).body(Map.of("member", member)).post("/v2/images/" + imageId + "/members");
    }

    public static Response setStatus(String user, String imageId, String member, String status) {
        return as(user).body(Map.of("status", status)).put("/v2/images/" + imageId + "/members/" + member);
    }

    public static Response showMember(String user, String imageId, String member) {
        return as(user).get("/v2/images/" + imageId + "/members/" + member);
    }

    public static Response listMembers(String user, String imageId) {
        return as(user).get("/v2/images/" + imageId + "/members");
    }

    public static Response deleteMember(String user, String imageId, String member) {
        return as(user).delete("/v2/images/" + imageId + "/members/" + member);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
