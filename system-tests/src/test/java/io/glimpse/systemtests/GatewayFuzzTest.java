package io.glimpse.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.systemtests.FuzzRequests.Caller;
import io.glimpse.systemtests.FuzzRequests.Request;
import io.glimpse.systemtests.RawHttpConnection.FramingViolation;
import io.glimpse.testsupport.LocalSuite;
import io.glimpse.testsupport.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of every public route through the gateway with real tokens ({@link FuzzRequests}): no answer is a
 * 5xx, no answer to project-a (or to no caller) shows anything of project-b's private image, and every connection
 * stays well framed ({@link RawHttpConnection}); requests with ambiguous framing get a 4xx and a closed connection.
 * Prints the seed first (rerun one with {@code -Dglimpse.fuzz.seed=N}) and a status-code histogram last.
 */
class GatewayFuzzTest extends ThroughTheGateway {
    private static final int REQUESTS = Integer.getInteger("glimpse.fuzz.requests", 10_000);
    /** Parallel connections: the suite runs on two cores, more only queue up. */
    private static final int CONNECTIONS = 4;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Caller> PROJECT_A_OR_NOBODY =
            Set.of(Caller.ALICE, Caller.CAROL, Caller.ANONYMOUS, Caller.FORGED);

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void noRouteAnswers5xxLeaksAnotherProjectsDataOrBreaksFraming() throws Exception {
        long seed = Long.getLong("glimpse.fuzz.seed", new SecureRandom().nextLong());
        System.out.println("gateway fuzz: seed " + seed + " (reproduce with -Dglimpse.fuzz.seed=" + seed + ")");

        List<String> secrets = new ArrayList<>();
        String bobsImage = bobsPrivateImage(secrets);
        List<String> alicesImages =
                List.of(alicesImage("shared", true), alicesImage("shared", false), alicesImage("private", false));
        List<String> everyImage = new ArrayList<>(alicesImages);
        everyImage.add(bobsImage);
        JsonNode imageSchema =
                JSON.readTree(as("alice").get("/v2/schemas/image").asString());
        List<String> tasks = List.of(importedTask("alice"), importedTask("bob"));

        Map<Caller, String> tokens = new EnumMap<>(Caller.class);
        tokens.put(Caller.ALICE, Tokens.forUser("alice"));
        tokens.put(Caller.CAROL, Tokens.forUser("carol"));
        tokens.put(Caller.ADMIN, Tokens.forUser("admin"));
        tokens.put(Caller.FORGED, forged(Tokens.forUser("alice")));
        Map<Caller, String> userIds = new EnumMap<>(Caller.class);
        for (Caller caller : List.of(Caller.ALICE, Caller.CAROL, Caller.ADMIN)) {
            userIds.put(caller, keystoneUserId(tokens.get(caller)));
        }
        List<Request> requests =
                new FuzzRequests(seed, imageSchema, everyImage, alicesImages, tasks, userIds).generate(REQUESTS);

        URI gateway = URI.create(LocalSuite.gatewayUrl());
        String host = gateway.getHost() + ":" + gateway.getPort();
        Map<String, LongAdder> histogram = new ConcurrentHashMap<>();
        Map<String, LongAdder> byFamily = new ConcurrentHashMap<>();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(CONNECTIONS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            running.add(workers.submit(() -> {
                RawHttpConnection connection = new RawHttpConnection(gateway);
                // What this connection carried just before: a request can only stall on what the last left behind.
                String before = "none (a new connection)";
                try {
                    for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        Request request = requests.get(i);
                        String outcome = send(connection, request, host, tokens, secrets, failures, before);
                        before = connection.isOpen() ? request.describe() + " -> " + outcome : "none (reopened)";
                        histogram.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                        byFamily.computeIfAbsent(family(request) + " " + outcome, k -> new LongAdder())
                                .increment();
                    }
                } finally {
                    connection.close();
                }
                return null;
            }));
        }
        for (Future<?> worker : running) {
            worker.get();
        }
        workers.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        userIds.forEach((caller, userId) -> deleteFuzzCredentials(tokens.get(caller), userId));

        Map<String, Long> counts = new TreeMap<>();
        histogram.forEach((outcome, count) -> counts.put(outcome, count.sum()));
        long sent = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> familyCounts = new TreeMap<>();
        byFamily.forEach((outcome, count) -> familyCounts.put(outcome, count.sum()));
        System.out.printf(
                "gateway fuzz: %d requests in %.1f s over %d connections, seed %d%n  status histogram: %s%n"
                        + "  by route family: %s%n",
                sent, seconds, CONNECTIONS, seed, counts, familyCounts);
        assertThat(sent).isEqualTo(REQUESTS);
        assertThat(failures.stream().limit(25).toList())
                .as("failures (seed %d; %d in all, the first ones shown)", seed, failures.size())
                .isEmpty();
    }

    /** Sends one request and checks its answer; the outcome for the histogram (a status, or what broke). */
    private static String send(
            RawHttpConnection connection,
            Request request,
            String host,
            Map<Caller, String> tokens,
            List<String> secrets,
            Queue<String> failures,
            String before) {
        RawHttpConnection.Response response;
        try {
            response = connection.exchange(request.bytes(host, tokens), request.head(), request.framing().closes);
        } catch (FramingViolation violation) {
            connection.close();
            if (request.framing() == FuzzRequests.Framing.BAD_CHUNK_SIZE
                    && violation.getMessage().startsWith("the connection closed before any response")) {
                // The HTTP decoder drops the connection on a malformed chunk before any handler can answer.
                return "closed-on-bad-chunk";
            }
            record(
                    failures,
                    "badly framed answer (" + violation.getMessage() + ") to " + request.describe()
                            + "; the connection's previous request: " + before);
            return "framing-violation";
        } catch (IOException e) {
            connection.close();
            if (request.framing().refused) {
                // Refused and closed before our bytes were all read: the kernel resets instead of closing.
                return "reset-after-refusal";
            }
            record(failures, "connection broke (" + e + ") on " + request.describe());
            return "io-error";
        }
        int status = response.status();
        if (request.framing().closes && !response.closes() && status == 400 && response.body().length == 0) {
            return "400-bare-from-http-layer";
        }
        if (status >= 500) {
            record(failures, status + " " + snippet(response.text()) + " for " + request.describe());
        }
        if (request.framing().refused && (status < 400 || status >= 500)) {
            record(failures, "ambiguous framing answered " + status + ": " + request.describe());
        }
        if (PROJECT_A_OR_NOBODY.contains(request.caller())) {
            String body = response.text();
            for (String secret : secrets) {
                if (body.contains(secret)) {
                    record(failures, "project-b's private data in the answer to " + request.describe());
                }
            }
        }
        // Answered before the broken body was read, then closed (RawHttpConnection checked the close).
        return request.framing().closes && !response.closes() ? status + "-then-closed" : String.valueOf(status);
    }

    private static void record(Queue<String> failures, String failure) {
        failures.add(failure);
    }

    private static String snippet(String body) {
        return body.length() > 160 ? body.substring(0, 160) + "…" : body;
    }

    /**
     * project-b's image with its private data: a name, a property value and a member project that only project-b
     * (and admins) may ever see.
     */
    private static String bobsPrivateImage(List<String> secrets) {
        String name = "fuzz-secret-name-" + UUID.randomUUID();
        String property = "fuzz-secret-value-" + UUID.randomUUID();
        String member = "fuzz-secret-member-" + UUID.randomUUID();
        secrets.addAll(List.of(name, property, member));
        String id = createImage("bob", Map.of("name", name, "visibility", "shared", "fuzz_marker", property))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        as("bob")
                .contentType(ContentType.JSON)
                .body(Map.of("member", member))
                .post("/v2/images/" + id + "/members")
                .then()
                .statusCode(200);
        return id;
    }

    private static String alicesImage(String visibility, boolean withData) {
        String id = createImage(
                        "alice",
                        Map.of(
                                "name",
                                uniqueName("fuzz-target"),
                                "visibility",
                                visibility,
                                "disk_format",
                                "raw",
                                "container_format",
                                "bare"))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("id");
        if (withData) {
            as("alice")
                    .contentType("application/octet-stream")
                    .body(new byte[1024])
                    .put("/v2/images/" + id + "/file")
                    .then()
                    .statusCode(204);
        }
        return id;
    }

    /** Which part of the API a request aims at, for the histogram. */
    private static String family(Request request) {
        String path = request.target().split("\\?", 2)[0];
        if (path.startsWith("/identity")) {
            return "identity";
        }
        if (path.startsWith("/v2/tasks")
                || path.startsWith("/v2/info/import")
                || path.startsWith("/v2/schemas/task")
                || path.matches("/v2/images/[^/]*/(stage|import|tasks)/?")) {
            return "import";
        }
        return "other";
    }

    /** A finished glance-direct import of a new image of the user's: the id of its task. */
    private static String importedTask(String user) {
        String image = Imports.newRawImage(user);
        Imports.stage(user, image, Imports.randomBytes(2048, 12)).then().statusCode(204);
        Imports.startImport(user, image, Imports.method("glance-direct")).then().statusCode(202);
        return (String) Imports.awaitTaskEnd(user, image).get("id");
    }

    /** The Keystone user id behind a token, as the identity endpoint shows it. */
    private static String keystoneUserId(String token) {
        return RestAssured.given()
                .header("X-Auth-Token", token)
                .header("X-Subject-Token", token)
                .get("/identity/v3/auth/tokens")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("token.user.id");
    }

    /** The application credentials the run created (their names start with fuzz-): never left behind. */
    private static void deleteFuzzCredentials(String token, String userId) {
        String credentials = "/identity/v3/users/" + userId + "/application_credentials";
        List<Map<String, Object>> listed = RestAssured.given()
                .header("X-Auth-Token", token)
                .get(credentials)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("application_credentials");
        for (Map<String, Object> credential : listed) {
            if (String.valueOf(credential.get("name")).startsWith("fuzz-")) {
                RestAssured.given()
                        .header("X-Auth-Token", token)
                        .delete(credentials + "/" + credential.get("id"))
                        .then()
                        .statusCode(204);
            }
        }
    }

    /** A real token of alice's with its signature replaced: well formed, never valid. */
    private static String forged(String token) {
        int signature = token.lastIndexOf('.');
        return token.substring(0, signature + 1) + "c2lnbmVkLWJ5LW5vYm9keQ";
    }
}
