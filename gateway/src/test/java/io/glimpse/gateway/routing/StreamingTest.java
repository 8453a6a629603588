package io.glimpse.gateway.routing;

import io.glimpse.gateway.support.PatternBytes;
import io.glimpse.gateway.support.UpstreamStubs;
import io.glimpse.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large bodies through the gateway, generated on the fly on one side and counted and hashed on the
 * other. The surefire JVM runs with -Xmx384m, gateway included, so buffering one of these bodies
 * anywhere fails the build; the heap retained after a 2 GiB upload must stay flat, and the figures are
 * logged for the record.
 */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class StreamingTest {

    private static final Logger LOG = Logger.getLogger(StreamingTest.class);
    private static final long MIB = 1024 * 1024;
    private static final long LARGE = 512 * MIB;
    private static final long HUGE = 2048 * MIB;
    /** What a transfer may leave behind on the heap (after a GC): connection pools, caches, JIT data. */
    private static final long FLAT = 32 * MIB;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void uploadOf2GibArrivesIntactAndLeavesTheHeapFlat() throws Exception {
        MessageDigest sent = PatternBytes.sha256();
        HttpRequest request = HttpRequest.newBuilder(uri("/v2/images/big-image/file"))
                .header("X-Auth-Token", Tokens.forUser("alice"))
                .header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.fromPublisher(
                        BodyPublishers.ofInputStream(
                                () -> new DigestInputStream(new PatternBytes(HUGE, 42).asInputStream(), sent)),
                        HUGE))
                .build();

        Measured<HttpResponse<String>> measured =
                measure("upload", HUGE, () -> http.send(request, HttpResponse.BodyHandlers.ofString()));

        JsonObject echo = new JsonObject(measured.result().body());
        assertThat(measured.result().statusCode()).isEqualTo(200);
        assertThat(echo.getString("upstream")).isEqualTo("catalog");
        assertThat(echo.getLong("bodyBytes")).isEqualTo(HUGE);
        assertThat(echo.getString("bodySha256")).isEqualTo(HexFormat.of().formatHex(sent.digest()));
        assertThat(echo.getJsonObject("headers").getJsonArray("content-length").getString(0))
                .isEqualTo(Long.toString(HUGE));
    }

    @Test
    void downloadOf512MibArrivesIntact() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/v2/images/big-image/file"))
                .header("X-Auth-Token", Tokens.forUser("alice"))
                .header("X-Echo-Behaviour", "download:" + LARGE + ":7:sized")
                .GET()
                .build();

        Measured<Received> measured = measure("download", LARGE, () -> {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            return Received.drain(response);
        });

        assertThat(measured.result().status()).isEqualTo(200);
        assertThat(measured.result().contentLength()).isEqualTo(Long.toString(LARGE));
        assertThat(measured.result().bytes()).isEqualTo(LARGE);
        assertThat(measured.result().sha256()).isEqualTo(PatternBytes.sha256(LARGE, 7));
    }

    @Test
    void chunkedUploadAndDownloadArriveIntact() throws Exception {
        long size = 64 * MIB + 12345;
        MessageDigest sent = PatternBytes.sha256();
        HttpRequest upload = HttpRequest.newBuilder(uri("/v2/images/img-1/stage"))
                .header("X-Auth-Token", Tokens.forUser("alice"))
                .PUT(BodyPublishers.ofInputStream(
                        () -> new DigestInputStream(new PatternBytes(size, 3).asInputStream(), sent)))
                .build();
        JsonObject echo = new JsonObject(
                http.send(upload, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(echo.getString("upstream")).isEqualTo("import");
        assertThat(echo.getLong("bodyBytes")).isEqualTo(size);
        assertThat(echo.getString("bodySha256")).isEqualTo(HexFormat.of().formatHex(sent.digest()));
        assertThat(echo.getJsonObject("headers")
                        .getJsonArray("transfer-encoding")
                        .getList())
                .containsExactly("chunked");

        HttpRequest download = HttpRequest.newBuilder(uri("/v2/images/img-1/file"))
                .header("X-Auth-Token", Tokens.forUser("alice"))
                .header("X-Echo-Behaviour", "download:" + size + ":5:chunked")
                .GET()
                .build();
        Received received = Received.drain(http.send(download, HttpResponse.BodyHandlers.ofInputStream()));
        assertThat(received.contentLength()).isEqualTo("absent");
        assertThat(received.bytes()).isEqualTo(size);
        assertThat(received.sha256()).isEqualTo(PatternBytes.sha256(size, 5));
    }

    private URI uri(String path) {
        return URI.create(gateway.toString().replaceAll("/$", "") + path);
    }

    private record Received(int status, String contentLength, long bytes, String sha256) {
        static Received drain(HttpResponse<InputStream> response) throws IOException {
            MessageDigest digest = PatternBytes.sha256();
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream body = response.body()) {
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    digest.update(buffer, 0, n);
                    total += n;
                }
            }
            return new Received(
                    response.statusCode(),
                    response.headers().firstValue("content-length").orElse("absent"),
                    total,
                    HexFormat.of().formatHex(digest.digest()));
        }
    }

    private record Measured<T>(T result) {}

    @FunctionalInterface
    private interface Transfer<T> {
        T run() throws Exception;
    }

    /** Runs a transfer while sampling the heap of this JVM (gateway, stubs and test client together). */
    private static <T> Measured<T> measure(String what, long bytes, Transfer<T> transfer) throws Exception {
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        T result;
        try {
            result = transfer.run();
        } finally {
            running.set(false);
            sampler.join();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        LOG.infof(
                "STREAMING %s of %d MiB: %d ms (%.0f MiB/s); heap used before %d MiB, peak %d MiB, after %d MiB (max %d MiB)",
                what,
                bytes / MIB,
                took.toMillis(),
                bytes / (double) MIB / (took.toMillis() / 1000.0),
                before / MIB,
                peak.get() / MIB,
                after / MIB,
                memory.getHeapMemoryUsage().getMax() / MIB);
        assertThat(after - before)
                .as("heap retained by streaming %d MiB", bytes / MIB)
                .isLessThan(FLAT);
        return new Measured<>(result);
    }
}
