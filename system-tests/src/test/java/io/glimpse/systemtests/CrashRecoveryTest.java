package io.glimpse.systemtests;

import io.glimpse.contracts.topic.Topics;
import io.glimpse.testsupport.GlimpseSuite;
import io.glimpse.testsupport.LocalSuite;
import io.glimpse.testsupport.Tokens;
import io.glimpse.testsupport.TopicReader;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Services killed with {@code kill -9} in the middle of their work, then started again at once: nothing they
 * confirmed is lost, and nothing stays half-done (ARCHITECTURE.md "Consistency rules").
 */
class CrashRecoveryTest extends ThroughTheGateway {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void catalogKilledDuringAnUploadPutsTheImageBackToQueuedWithoutPartialData() throws Exception {
        String id = createImage(
                        "alice",
                        Map.of("name", uniqueName("crash-upload"), "disk_format", "raw", "container_format", "bare"))
                .jsonPath()
                .getString("id");
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> upload = startStalledUpload(id, release);
        long crashedAt;
        try {
            awaitStatus(id, "saving", Duration.ofSeconds(30));
            awaitPartialData(id, true, Duration.ofSeconds(30));
            GlimpseSuite.glimpse("kill", "catalog-service");
            crashedAt = System.nanoTime();
            GlimpseSuite.glimpse("start", "catalog-service");
        } finally {
            release.countDown();
            GlimpseSuite.glimpse("start", "catalog-service");
        }
        assertThat(answerOf(upload)).as("the interrupted upload's answer").isIn(502, 503, -1);

        awaitStatus(id, "queued", Duration.ofSeconds(60).minusNanos(System.nanoTime() - crashedAt));
        System.out.printf(
                "fault suite: catalog killed mid-upload; image back to queued %.1f s after the kill%n",
                (System.nanoTime() - crashedAt) / 1e9);
        awaitPartialData(id, false, Duration.ofSeconds(5));
        assertThat(as("alice").get("/v2/images/" + id).jsonPath().getString("size"))
                .isNull();
        assertThat(as("alice")
                        .contentType("application/octet-stream")
                        .body(new byte[8192])
                        .put("/v2/images/" + id + "/file")
                        .statusCode())
                .as("the owner can upload again")
                .isEqualTo(204);
        assertThat(as("alice").get("/v2/images/" + id).jsonPath().getString("status"))
                .isEqualTo("active");
    }

    @Test
    void sharingKilledDuringMemberChangesKeepsEveryConfirmedChangeAndItsEvent() throws Exception {
        String id = createImage("alice", Map.of("name", uniqueName("crash-members"), "visibility", "shared"))
                .jsonPath()
                .getString("id");
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> writing = writer.submit(() -> {
            // A new member each attempt, well under the member quota (128): while sharing is down the attempts
            // slow down, so a slow restart does not use up the ids.
            for (int i = 0; !stop.get() && i < 2000; i++) {
                String member = "crash-member-" + i;
                int status = as("alice")
                        .contentType(ContentType.JSON)
                        .body(Map.of("member", member))
                        .post("/v2/images/" + id + "/members")
                        .statusCode();
                outcomes.put(member, status);
                if (status != 200) {
                    Thread.sleep(200);
                }
            }
            return null;
        });
        try {
            awaitConfirmed(outcomes, 5, Duration.ofSeconds(30));
            GlimpseSuite.glimpse("kill", "sharing-service");
            GlimpseSuite.glimpse("start", "sharing-service");
            int beforeRestart = confirmed(outcomes).size();
            awaitConfirmed(outcomes, beforeRestart + 5, Duration.ofSeconds(60));
        } finally {
            stop.set(true);
            writing.get(60, TimeUnit.SECONDS);
            writer.shutdown();
            GlimpseSuite.glimpse("start", "sharing-service");
        }

        System.out.println("fault suite: sharing killed during member adds; answers " + histogram(outcomes));
        assertThat(Set.copyOf(outcomes.values()))
                .as("a confirmed add, or the gateway's answer for a service that is down")
                .isSubsetOf(200, 502, 503);
        List<String> listed =
                as("alice").get("/v2/images/" + id + "/members").jsonPath().getList("members.member_id");
        assertThat(listed).as("every confirmed member survived the crash").containsAll(confirmed(outcomes));
        try (TopicReader members = new TopicReader(Topics.MEMBERS)) {
            List<ConsumerRecord<String, String>> events = members.awaitRecords(
                    id,
                    records -> listed.stream()
                            .allMatch(member -> records.stream()
                                    .anyMatch(record -> record.value().contains("\"" + member + "\""))),
                    Duration.ofSeconds(60));
            assertThat(events).as("an event for every member that exists").isNotEmpty();
        }
    }

    /** A PUT of image data that sends 1 MiB and then waits, so the upload is in flight when catalog dies. */
    private static CompletableFuture<HttpResponse<String>> startStalledUpload(String id, CountDownLatch release) {
        InputStream stalled = new SequenceInputStream(new ByteArrayInputStream(new byte[1 << 20]), new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    release.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the client gave up");
            }
        });
        HttpRequest request = HttpRequest.newBuilder(URI.create(LocalSuite.gatewayUrl() + "/v2/images/" + id + "/file"))
                .header("X-Auth-Token", Tokens.forUser("alice"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> stalled))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The status the interrupted upload got, or -1 when its connection was cut. */
    private static int answerOf(CompletableFuture<HttpResponse<String>> upload) throws InterruptedException {
        try {
            return upload.get(60, TimeUnit.SECONDS).statusCode();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException cut) {
            return -1;
        }
    }

    private static void awaitStatus(String id, String status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            var shown = as("alice").get("/v2/images/" + id);
            seen = shown.statusCode() + " "
                    + (shown.statusCode() == 200 ? shown.jsonPath().getString("status") : "");
            if (seen.equals("200 " + status)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("image " + id + " not " + status + " within " + timeout + "; last seen: " + seen);
    }

    /** Waits until the file store holds (or no longer holds) an upload's temp file for the image. */
    private static void awaitPartialData(String id, boolean present, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partialFiles(id).isEmpty() == present) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "partial data of " + id + (present ? " never appeared" : " still there: ") + partialFiles(id));
            }
            Thread.sleep(100);
        }
    }

    private static List<Path> partialFiles(String id) throws IOException {
        Path images = GlimpseSuite.home().resolve("data/images");
        if (!Files.isDirectory(images)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(images)) {
            return files.filter(file -> file.getFileName().toString().startsWith("." + id + "."))
                    .toList();
        }
    }

    private static List<String> confirmed(Map<String, Integer> outcomes) {
        List<String> members = new ArrayList<>();
        outcomes.forEach((member, status) -> {
            if (status == 200) {
                members.add(member);
            }
        });
        return members;
    }

    private static void awaitConfirmed(Map<String, Integer> outcomes, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (confirmed(outcomes).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " member adds confirmed: " + histogram(outcomes));
            }
            Thread.sleep(50);
        }
    }

    private static Map<Integer, Long> histogram(Map<String, Integer> outcomes) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        outcomes.values().forEach(status -> counts.merge(status, 1L, Long::sum));
        return counts;
    }
}
