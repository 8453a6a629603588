import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's cost, measured the same way every run (run through scripts/bench-gateway.sh):
 *  1. added latency: the same GET /v2/images/{id} sent N times through the gateway and N times straight
 *     to catalog-service, p50/p99 of each and their difference;
 *  2. streaming: a second gateway (same jar, -Xmx256m) in front of a sink upstream that digests what
 *     it receives; a generated body of STREAM_GIB GiB is PUT through it while the gateway's RSS and heap
 *     are sampled.
 */
public class GatewayBench {
    static final String KEYCLOAK = "http://127.0.0.1:8180/realms/glimpse/protocol/openid-connect/token";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Path GATEWAY_LOG = Path.of(System.getProperty("java.io.tmpdir"), "glimpse-bench-gateway.log");

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(System.getenv().getOrDefault("REQUESTS", "5000"));
        long streamBytes = Long.parseLong(System.getenv().getOrDefault("STREAM_GIB", "2")) << 30;
        Path gatewayJar = Path.of(args[0]);
        String token = token("alice");

        String imageId = createImage(token);
        String gatewayUrl = System.getenv().getOrDefault("GATEWAY_URL", "http://127.0.0.1:9292");
        double[] viaGateway = latencies(gatewayUrl + "/v2/images/" + imageId, "X-Auth-Token", token, requests);
        double[] direct = latencies("http://127.0.0.1:9301/v2/images/" + imageId, "Authorization", "Bearer " + token, requests);
        System.out.printf("latency, %d sequential GET /v2/images/{id} each (ms):%n", requests);
        System.out.printf("  direct to catalog-service   p50 %.3f  p99 %.3f%n", pct(direct, 50), pct(direct, 99));
        System.out.printf("  through the gateway         p50 %.3f  p99 %.3f%n", pct(viaGateway, 50), pct(viaGateway, 99));
        System.out.printf("  added by the gateway        p50 %.3f  p99 %.3f%n", pct(viaGateway, 50) - pct(direct, 50),
                pct(viaGateway, 99) - pct(direct, 99));

        if (streamBytes > 0) {
            stream(gatewayJar, token, streamBytes);
        }
    }

    static String token(String user) throws Exception {
        String form = "grant_type=password&client_id=glimpse-cli&username=" + user + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        if (!token.find()) throw new IllegalStateException("no token: " + response.body());
        return token.group(1);
    }

    static String createImage(String token) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9292/v2/images"))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench-gateway\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) throw new IllegalStateException("create failed: " + created.statusCode() + " " + created.body());
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created.body());
        id.find();
        return id.group(1);
    }

    static double[] latencies(String url, String header, String value, int count) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header(header, value).GET().build();
        // Warm both JITs up first: the first thousands of requests measure the compiler, not the proxy.
        for (int i = 0; i < Math.max(2000, count / 2); i++) {
            HTTP.send(request, HttpResponse.BodyHandlers.discarding());
        }
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200) throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        Arrays.sort(millis);
        return millis;
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static void stream(Path gatewayJar, String token, long bytes) throws Exception {
        AtomicLong received = new AtomicLong();
        AtomicReference<String> receivedDigest = new AtomicReference<>();
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                MessageDigest md5 = md5();
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = body.read(buffer)) > 0; ) {
                    md5.update(buffer, 0, n);
                    received.addAndGet(n);
                }
                receivedDigest.set(HexFormat.of().formatHex(md5.digest()));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        sink.start();
        int port = 19292;
        Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port, "-Dquarkus.http.access-log.enabled=false",
                "-Dglimpse.gateway.upstreams.catalog.url=http://127.0.0.1:" + sink.getAddress().getPort(),
                "-jar", gatewayJar.toString()).redirectErrorStream(true).redirectOutput(GATEWAY_LOG.toFile()).start();
        try {
            awaitLive(port);
            long pid = gateway.pid();
            HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/versions")).build(), HttpResponse.BodyHandlers.discarding());
            long rssBefore = rssKiB(pid);
            String heapBefore = heapUsed(pid);
            AtomicLong maxRss = new AtomicLong(rssBefore);
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxRss.accumulateAndGet(rssKiB(pid), Math::max);
                    try { Thread.sleep(200); } catch (InterruptedException e) { return; }
                }
            });
            MessageDigest sentMd5 = md5();
            long start = System.nanoTime();
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/images/" + UUID.randomUUID() + "/file"))
                    .header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(bytes, sentMd5)), bytes))
                    .build(), HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            String sent = HexFormat.of().formatHex(sentMd5.digest());
            System.out.printf("streaming %d MiB PUT through a gateway (-Xmx256m) to a digesting sink:%n", bytes >> 20);
            System.out.printf("  status %d, received %d bytes, md5 %s (%s)%n", put.statusCode(), received.get(), receivedDigest.get(),
                    sent.equals(receivedDigest.get()) && received.get() == bytes ? "intact" : "MISMATCH");
            System.out.printf("  %.1f s, %.0f MiB/s%n", seconds, (bytes >> 20) / seconds);
            System.out.printf("  gateway RSS before %d MiB, max during %d MiB, after %d MiB%n", rssBefore >> 10, maxRss.get() >> 10, rssKiB(pid) >> 10);
            System.out.printf("  gateway heap used before: %s; after: %s%n", heapBefore, heapUsed(pid));
            if (put.statusCode() != 204 || received.get() != bytes || !sent.equals(receivedDigest.get())) System.exit(1);
        } finally {
            gateway.destroy();
            gateway.waitFor();
            sink.stop(0);
        }
    }

    static void awaitLive(int port) throws Exception {
        for (int i = 0; i < 150; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the benchmark gateway did not start, see " + GATEWAY_LOG);
    }

    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException gone) {
            // process ended
        }
        return 0;
    }

    /** Heap used after a full GC, as jcmd reports it. */
    static String heapUsed(long pid) {
        try {
            run("jcmd", String.valueOf(pid), "GC.run");
            String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
            Matcher used = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
            List<String> parts = new ArrayList<>();
            while (used.find()) parts.add(Long.parseLong(used.group(2)) / 1024 + " MiB");
            return String.join(" + ", parts) + " (young + old)";
        } catch (Exception e) {
            return "n/a (" + e.getMessage() + ")";
        }
    }

    static String run(String... command) throws Exception {
        command[0] = Path.of(System.getProperty("java.home"), "bin", command[0]).toString();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    static MessageDigest md5() {
        try { return MessageDigest.getInstance("MD5"); } catch (Exception e) { throw new IllegalStateException(e); }
    }

    /** A deterministic body generated on the fly (never held in memory), digested as it is read. */
    static final class PatternStream extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private long position;
        private final byte[] block = new byte[1 << 16];

        PatternStream(long size, MessageDigest digest) {
            this.size = size;
            this.digest = digest;
            for (int i = 0; i < block.length; i++) block[i] = (byte) (i * 31 + 7);
        }

        @Override public int read() { byte[] one = new byte[1]; return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff; }

        @Override public int read(byte[] target, int offset, int length) {
            if (position >= size) return -1;
            int n = (int) Math.min(Math.min(length, size - position), block.length - (position % block.length));
            System.arraycopy(block, (int) (position % block.length), target, offset, n);
            digest.update(target, offset, n);
            position += n;
            return n;
        }
    }
}
