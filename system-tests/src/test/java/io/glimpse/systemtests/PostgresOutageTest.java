package io.glimpse.systemtests;

import io.glimpse.testsupport.GlimpseSuite;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped for ten seconds under traffic to every service that owns a database: every answer is either
 * the normal one or 503 with {@code Retry-After} (never 500), and the services recover by themselves once the
 * database is back.
 */
class PostgresOutageTest extends ThroughTheGateway {
    private static final long OUTAGE_MILLIS = 10_000;

    private record Outcome(String call, int status, boolean retryAfter, long at) {}

    @Test
    void anOutageAnswers503WithRetryAfterAndRecoversByItself() throws Exception {
        String image = createImage("alice", Map.of("name", uniqueName("pg-outage"), "visibility", "shared"))
                .jsonPath()
                .getString("id");
        as("alice")
                .contentType(ContentType.JSON)
                .body(Map.of("member", "project-b"))
                .post("/v2/images/" + image + "/members")
                .then()
                .statusCode(200);
        Map<String, Supplier<Response>> calls = Map.of(
                "list images (catalog)", () -> as("alice").get("/v2/images?limit=5"),
                "create image (catalog)", () -> createImage("alice", Map.of("name", uniqueName("pg-outage"))),
                "list members (sharing)", () -> as("alice").get("/v2/images/" + image + "/members"),
                "accept membership (sharing)",
                        () -> as("bob")
                                .contentType(ContentType.JSON)
                                .body(Map.of("status", "accepted"))
                                .put("/v2/images/" + image + "/members/project-b"),
                "list secrets (signature)", () -> as("alice").get("/key-manager/v1/secrets"));
        Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService traffic = Executors.newFixedThreadPool(3);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            clients.add(traffic.submit(() -> {
                while (!stop.get()) {
                    for (Map.Entry<String, Supplier<Response>> call : calls.entrySet()) {
                        Response response = call.getValue().get();
                        outcomes.add(new Outcome(
                                call.getKey(),
                                response.statusCode(),
                                response.header("Retry-After") != null,
                                System.nanoTime()));
                    }
                }
                return null;
            }));
        }
        long stopped;
        long restarted;
        try {
            Thread.sleep(1_000);
            GlimpseSuite.glimpse("stop", "postgres");
            stopped = System.nanoTime();
            Thread.sleep(OUTAGE_MILLIS);
        } finally {
            GlimpseSuite.glimpse("start", "postgres");
        }
        restarted = System.nanoTime();
        long recovered = awaitRecovery(outcomes, calls.keySet().size(), restarted);
        stop.set(true);
        for (Future<?> client : clients) {
            client.get(60, TimeUnit.SECONDS);
        }
        traffic.shutdown();

        Map<Integer, Long> histogram = new TreeMap<>();
        outcomes.forEach(outcome -> histogram.merge(outcome.status(), 1L, Long::sum));
        System.out.printf(
                "fault suite: PostgreSQL stopped %d s under traffic; answers %s; every call served again %.1f s after"
                        + " it was back%n",
                OUTAGE_MILLIS / 1000, histogram, (recovered - restarted) / 1e9);
        assertThat(outcomes)
                .as("the normal answer, or 503 with Retry-After")
                .allMatch(outcome -> outcome.status() < 300 || (outcome.status() == 503 && outcome.retryAfter()));
        assertThat(outcomes)
                .as("the outage was seen")
                .anyMatch(outcome -> outcome.status() == 503 && outcome.at() > stopped);
    }

    /** When every call has succeeded again after the restart (at most 60 s later). */
    private static long awaitRecovery(Queue<Outcome> outcomes, int calls, long restarted) throws InterruptedException {
        long deadline = restarted + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long served = outcomes.stream()
                    .filter(outcome -> outcome.at() > restarted && outcome.status() < 300)
                    .map(Outcome::call)
                    .distinct()
                    .count();
            if (served == calls) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not every call was served again within 60 s of PostgreSQL's return");
    }
}
