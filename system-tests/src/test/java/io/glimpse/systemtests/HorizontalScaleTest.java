package io.glimpse.systemtests;

import io.glimpse.contracts.topic.Topics;
import io.glimpse.testsupport.GlimpseSuite;
import io.glimpse.testsupport.LocalSuite;
import io.glimpse.testsupport.TopicReader;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.glimpse.systemtests.Imports.awaitBytesMoving;
import static io.glimpse.systemtests.Imports.awaitImage;
import static io.glimpse.systemtests.Imports.awaitImportEnd;
import static io.glimpse.systemtests.Imports.awaitTaskEnd;
import static io.glimpse.systemtests.Imports.method;
import static io.glimpse.systemtests.Imports.newRawImage;
import static io.glimpse.systemtests.Imports.randomBytes;
import static io.glimpse.systemtests.Imports.randomFile;
import static io.glimpse.systemtests.Imports.stage;
import static io.glimpse.systemtests.Imports.stageFile;
import static io.glimpse.systemtests.Imports.startImport;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Horizontal scale on one machine: two instances of every service behind the gateway (what {@code glimpse up
 * --replicas catalog-service=2,...} runs). Uploads, listings, members and imports are spread over both; an instance
 * killed with -9 under load loses no request it had answered and no event, and the survivor serves everything after.
 */
class HorizontalScaleTest extends ThroughTheGateway {
    private static final List<String> SERVICES =
            List.of("catalog-service", "sharing-service", "import-service", "signature-service");
    /** The launcher's second instances listen ten ports above the first. */
    private static final int SECOND_OFFSET = 10;

    private static final long MIB = 1024 * 1024;

    @BeforeAll
    static void secondInstances() {
        SERVICES.forEach(service -> GlimpseSuite.glimpse("start", service + "-2"));
        GlimpseSuite.restartWith(
                "gateway",
                Map.of(
                        "GLIMPSE_GATEWAY_UPSTREAMS_CATALOG_URL", urls("catalog-service"),
                        "GLIMPSE_GATEWAY_UPSTREAMS_SHARING_URL", urls("sharing-service"),
                        "GLIMPSE_GATEWAY_UPSTREAMS_IMPORT_URL", urls("import-service"),
                        "GLIMPSE_GATEWAY_UPSTREAMS_SIGNATURE_URL", urls("signature-service")));
    }

    @AfterAll
    static void oneInstanceEach() {
        SERVICES.forEach(service -> GlimpseSuite.glimpse("stop", service + "-2"));
        GlimpseSuite.restartWith("gateway", Map.of());
    }

    @Test
    void uploadsListingsMembersAndImportsAreSpreadOverBothInstances() {
        Map<String, double[]> before = requestCounts();
        List<String> images = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = newRawImage("alice");
            as("alice")
                    .contentType("application/octet-stream")
                    .body(randomBytes(256 * 1024, 600 + i))
                    .put("/v2/images/" + id + "/file")
                    .then()
                    .statusCode(204);
            as("alice")
                    .contentType(ContentType.JSON)
                    .body(Map.of("member", "project-b"))
                    .post("/v2/images/" + id + "/members")
                    .then()
                    .statusCode(200);
            as("alice").get("/v2/images?limit=5").then().statusCode(200);
            images.add(id);
        }
        List<String> imported = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = newRawImage("alice");
            stage("alice", id, randomBytes(512 * 1024, 700 + i)).then().statusCode(204);
            startImport("alice", id, method("glance-direct")).then().statusCode(202);
            imported.add(id);
        }
        imported.forEach(id -> awaitImage("alice", id, image -> "active".equals(image.getString("status"))));
        images.forEach(id -> as("alice").get("/v2/images/" + id).then().statusCode(200));

        Map<String, double[]> after = requestCounts();
        for (String service : List.of("catalog-service", "sharing-service", "import-service")) {
            assertThat(after.get(service)[0])
                    .as(
                            "%s's first instance served some of the requests (%s before, %s after)",
                            service, Arrays.toString(before.get(service)), Arrays.toString(after.get(service)))
                    .isGreaterThan(before.get(service)[0]);
            assertThat(after.get(service)[1])
                    .as("%s's second instance served some of the requests", service)
                    .isGreaterThan(before.get(service)[1]);
        }
    }

    @Test
    void anInstanceKilledUnderLoadLosesNoAnsweredRequestAndNoEvent() throws Exception {
        ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> refused = new ConcurrentLinkedQueue<>();
        AtomicBoolean going = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try (TopicReader events = new TopicReader(Topics.IMAGES)) {
            List<Future<?>> load = new ArrayList<>();
            for (int client = 0; client < 3; client++) {
                load.add(clients.submit(() -> {
                    while (going.get()) {
                        var answer = createImage("alice", Map.of("name", uniqueName("scale")));
                        if (answer.statusCode() == 201) {
                            created.add(answer.path("id"));
                        } else {
                            refused.add(answer.statusCode());
                        }
                    }
                    return null;
                }));
            }
            awaitCreated(created, 10);
            GlimpseSuite.glimpse("kill", "catalog-service-2");
            int createdAtKill = created.size();
            awaitCreated(created, createdAtKill + 10);
            going.set(false);
            for (Future<?> client : load) {
                client.get();
            }
            System.out.printf(
                    "horizontal scale: %d images created under load, %d at the kill of catalog-service-2, %d requests"
                            + " cut by it %s%n",
                    created.size(), createdAtKill, refused.size(), refused);
            assertThat(created.size())
                    .as("the survivor went on creating images after the kill")
                    .isGreaterThan(createdAtKill);
            assertThat(refused)
                    .as("only requests cut by the kill fail, and they fail as unavailable, never as a client error")
                    .allMatch(status -> status == 502 || status == 503)
                    .hasSizeLessThanOrEqualTo(6);
            for (String id : created) {
                as("alice").get("/v2/images/" + id).then().statusCode(200);
                events.awaitRecords(
                        id,
                        records -> records.stream()
                                .anyMatch(record -> TopicReader.header(record, "ce_type")
                                        .orElse("")
                                        .equals("image.create")),
                        Duration.ofSeconds(60));
            }
        } finally {
            going.set(false);
            clients.shutdownNow();
            GlimpseSuite.glimpse("start", "catalog-service-2");
        }
    }

    @Test
    void anImportWhoseInstanceIsKilledIsFinishedByTheOtherInstance() throws Exception {
        String id = newRawImage("alice");
        Path data = randomFile(384 * MIB, 384);
        String killed = null;
        try {
            stageFile("alice", id, data).then().statusCode(204);
            String checksum = Imports.md5(Files.readAllBytes(data));
            startImport("alice", id, method("glance-direct", "all_stores", true))
                    .then()
                    .statusCode(202);
            awaitBytesMoving(id);
            String taskId = (String) Imports.tasks("admin", id).getFirst().get("id");
            killed = instanceRunning(taskId);
            String survivor = killed.equals("import-service") ? "import-service-2" : "import-service";
            String progressAtKill = progress(id);
            Instant kill = Instant.now();
            GlimpseSuite.glimpse("kill", killed);

            JsonPath imported = awaitImportEnd("alice", id, Duration.ofMinutes(5));
            Duration takeover = Duration.between(kill, Instant.now());
            assertThat(imported.getString("status")).isEqualTo("active");
            assertThat(imported.getString("stores")).isEqualTo("file,s3");
            assertThat(imported.getString("os_glance_failed_import")).isEmpty();
            assertThat(awaitTaskEnd("alice", id)).containsEntry("status", "success");
            assertThat(log(survivor))
                    .as("%s ran the import's next attempt", survivor)
                    .containsPattern("import task " + taskId + ": attempt [2-9] runs on");
            assertThat(Imports.md5(Imports.download("alice", id))).isEqualTo(checksum);
            System.out.printf(
                    "horizontal scale: %s killed with an import at %s; %s finished it %d s later%n",
                    killed, progressAtKill, survivor, takeover.toSeconds());
        } finally {
            if (killed != null) {
                GlimpseSuite.glimpse("start", killed);
            }
            Files.deleteIfExists(data);
            as("alice").delete("/v2/images/" + id);
        }
    }

    /** Which import-service instance runs the task's current attempt, from their logs. */
    private static String instanceRunning(String taskId) throws IOException {
        Pattern attempt = Pattern.compile("import task " + taskId + ": attempt (\\d+) runs on");
        String runner = null;
        int latest = 0;
        for (String instance : List.of("import-service", "import-service-2")) {
            Matcher matcher = attempt.matcher(log(instance));
            while (matcher.find()) {
                if (Integer.parseInt(matcher.group(1)) > latest) {
                    latest = Integer.parseInt(matcher.group(1));
                    runner = instance;
                }
            }
        }
        assertThat(runner).as("an instance logged that it runs task %s", taskId).isNotNull();
        return runner;
    }

    private static String log(String instance) throws IOException {
        return Files.readString(GlimpseSuite.home().resolve("logs/" + instance + ".log"));
    }

    /** The import's store progress, e.g. "file 120/384 MiB, s3 96/384 MiB". */
    private static String progress(String imageId) {
        List<String> stores = new ArrayList<>();
        for (Map<String, Object> task : Imports.tasks("admin", imageId)) {
            for (Object entry : (List<?>) task.getOrDefault("progress", List.of())) {
                Map<?, ?> step = (Map<?, ?>) entry;
                if ("store".equals(step.get("phase"))) {
                    Object total = step.get("bytes_total");
                    stores.add(step.get("store") + " " + ((Number) step.get("bytes_done")).longValue() / MIB + "/"
                            + (total instanceof Number n ? String.valueOf(n.longValue() / MIB) : "?") + " MiB");
                }
            }
        }
        return String.join(", ", stores);
    }

    /** Waits, bounded, until the clients have had {@code count} images created. */
    private static void awaitCreated(ConcurrentLinkedQueue<String> created, int count) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (created.size() < count) {
            assertThat(Instant.now()).as("%d images created in time", count).isBefore(deadline);
            Imports.sleep(50);
        }
    }

    private static String urls(String service) {
        int port = Integer.parseInt(LocalSuite.serviceUrl(service)
                .substring(LocalSuite.serviceUrl(service).lastIndexOf(':') + 1));
        return "http://127.0.0.1:" + port + ",http://127.0.0.1:" + (port + SECOND_OFFSET);
    }

    /** Per service, the requests its first and second instance have served (Quarkus' HTTP server metrics). */
    private static Map<String, double[]> requestCounts() {
        Map<String, double[]> counts = new HashMap<>();
        for (String service : SERVICES) {
            String first = LocalSuite.serviceUrl(service);
            int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
            counts.put(service, new double[] {
                served("http://127.0.0.1:" + port), served("http://127.0.0.1:" + (port + SECOND_OFFSET))
            });
        }
        return counts;
    }

    /** The requests one instance served outside its management endpoints. */
    private static double served(String instance) {
        String scrape = RestAssured.get(instance + "/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher series = Pattern.compile("^http_server_requests_seconds_count\\{(.*)\\} (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        double sum = 0;
        while (series.find()) {
            if (!series.group(1).contains("uri=\"/q/")) {
                sum += Double.parseDouble(series.group(2));
            }
        }
        return sum;
    }
}
