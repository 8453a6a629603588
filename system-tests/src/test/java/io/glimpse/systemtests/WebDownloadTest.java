package io.glimpse.systemtests;

import io.glimpse.testsupport.GlimpseSuite;
import io.glimpse.testsupport.ScriptedHttpServer;
import io.glimpse.testsupport.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.glimpse.systemtests.Imports.awaitImage;
import static io.glimpse.systemtests.Imports.awaitTaskEnd;
import static io.glimpse.systemtests.Imports.download;
import static io.glimpse.systemtests.Imports.md5;
import static io.glimpse.systemtests.Imports.newRawImage;
import static io.glimpse.systemtests.Imports.randomBytes;
import static io.glimpse.systemtests.Imports.startImport;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * web-download through the gateway, with import-service restarted as an operator would configure it to allow one
 * internal address (127.0.0.2, where the image server listens) and its port. A trap listens on 127.0.0.1 at the same
 * port: an SSRF corpus of loopback, private, link-local, metadata, encoded and IPv6 forms, redirects from the allowed
 * server to forbidden places and names that resolve to loopback is run through the real import path, and neither the
 * trap nor a forbidden path of the image server ever sees a request. import-service is restarted with its defaults
 * afterwards.
 */
class WebDownloadTest extends ThroughTheGateway {
    private static final int PORT = 18480;
    private static final byte[] IMAGE = randomBytes(5 * 1024 * 1024 + 3, 15);

    private static ScriptedHttpServer images;
    private static ScriptedHttpServer trap;

    @BeforeAll
    static void serveAnImageAndRestartImportServiceAllowingIt() throws IOException {
        images = new ScriptedHttpServer("127.0.0.2", PORT, WebDownloadTest::imageServer);
        trap = new ScriptedHttpServer("127.0.0.1", PORT, request -> ScriptedHttpServer.ok(IMAGE));
        GlimpseSuite.restartWith(
                "import-service",
                Map.of(
                        "GLIMPSE_IMPORT_WEB_DOWNLOAD_ALLOWED_RANGES",
                        "127.0.0.2/32",
                        "GLIMPSE_IMPORT_FILTERING_ALLOWED_PORTS",
                        "80,443," + PORT));
    }

    @AfterAll
    static void restoreTheDefaults() throws IOException {
        GlimpseSuite.restartWith("import-service", Map.of());
        images.close();
        trap.close();
    }

    /** /image.raw is the image; /redirect?to=URL redirects there; /loop/N redirects to /loop/N+1. */
    private static byte[] imageServer(String request) {
        String target = request.substring(request.indexOf(' ') + 1, request.indexOf(" HTTP/"));
        if (target.equals("/image.raw")) {
            return ScriptedHttpServer.ok(IMAGE);
        }
        if (target.startsWith("/redirect?to=")) {
            return ScriptedHttpServer.redirect(
                    302, URLDecoder.decode(target.substring("/redirect?to=".length()), StandardCharsets.UTF_8));
        }
        if (target.startsWith("/loop/")) {
            int hop = Integer.parseInt(target.substring("/loop/".length()));
            return ScriptedHttpServer.redirect(hop < 20 ? 307 : 302, hop < 20 ? "/loop/" + (hop + 1) : "/image.raw");
        }
        return ScriptedHttpServer.head("404 Not Found", "Content-Length: 0");
    }

    @Test
    void importsTheBytesOfAnAllowedUrlAndSaysWhoItIs() {
        String id = newRawImage("alice");
        startImport("alice", id, webDownload(images.url("/image.raw"))).then().statusCode(202);
        JsonPath active = awaitImage("alice", id, image -> "active".equals(image.getString("status")));
        assertThat(active.getLong("size")).isEqualTo(IMAGE.length);
        assertThat(active.getString("checksum")).isEqualTo(md5(IMAGE));
        assertThat(md5(download("alice", id))).isEqualTo(md5(IMAGE));
        assertThat(awaitTaskEnd("alice", id)).containsEntry("status", "success");
        String fetch = images.requests().stream()
                .filter(head -> head.startsWith("GET /image.raw "))
                .findFirst()
                .orElseThrow();
        assertThat(ScriptedHttpServer.header(fetch, "User-Agent")).startsWith("Glimpse-image-import/");
    }

    @Test
    void theGlanceCliImportsFromAUrl() throws Exception {
        String created = GlanceCliTest.glance(
                Tokens.forUser("alice"),
                "image-create-via-import",
                "--name",
                uniqueName("cli-web-download"),
                "--disk-format",
                "raw",
                "--container-format",
                "bare",
                "--import-method",
                "web-download",
                "--uri",
                images.url("/image.raw"));
        String id = GlanceCliTest.field(created, "id");
        JsonPath active = awaitImage("alice", id, image -> "active".equals(image.getString("status")));
        assertThat(active.getString("checksum")).isEqualTo(md5(IMAGE));
        assertThat(awaitTaskEnd("alice", id)).containsEntry("status", "success");
    }

    /** validation_data (a Glimpse extension): the bytes must have the digest the request names before going active. */
    @Test
    void anExpectedDigestIsCheckedBeforeTheImageGoesActive() throws Exception {
        String sha256 = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(IMAGE));
        String matching = newRawImage("alice");
        startImport("alice", matching, webDownload(images.url("/image.raw"), "sha256", sha256.toUpperCase()))
                .then()
                .statusCode(202);
        assertThat(awaitImage("alice", matching, image -> "active".equals(image.getString("status")))
                        .getString("checksum"))
                .isEqualTo(md5(IMAGE));

        String wrong = newRawImage("alice");
        String other = "0".repeat(64);
        startImport("alice", wrong, webDownload(images.url("/image.raw"), "sha256", other))
                .then()
                .statusCode(202);
        Map<String, Object> task = awaitTaskEnd("alice", wrong);
        assertThat(task).containsEntry("status", "failure");
        assertThat(String.valueOf(task.get("message"))).contains("has sha256 " + sha256, "not the " + other);
        JsonPath reverted = awaitImage(
                "alice",
                wrong,
                shown -> !shown.getString("os_glance_failed_import").isEmpty());
        assertThat(reverted.getString("status")).isEqualTo("queued");

        String malformed = newRawImage("alice");
        Response refused = startImport("alice", malformed, webDownload(images.url("/image.raw"), "sha256", "abc"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.asString()).contains("is not valid hexadecimal value for algorithm sha256");
    }

    @Test
    void followsARedirectWithinWhatIsAllowed() {
        String id = newRawImage("alice");
        startImport("alice", id, webDownload(images.url("/redirect?to=" + images.url("/image.raw"))))
                .then()
                .statusCode(202);
        assertThat(awaitImage("alice", id, image -> "active".equals(image.getString("status")))
                        .getString("checksum"))
                .isEqualTo(md5(IMAGE));
    }

    @Test
    void noUrlOfTheSsrfCorpusIsEverFetched() {
        String secret = "http://127.0.0.1:" + PORT + "/secret";
        List<String> corpus = new ArrayList<>(List.of(
                secret,
                "http://localhost:" + PORT + "/by-name",
                "http://localhost./trailing-dot",
                "http://ip6-localhost:" + PORT + "/etc-hosts-name",
                "http://[::1]:" + PORT + "/v6-loopback",
                "http://[::ffff:127.0.0.1]:" + PORT + "/mapped",
                "http://[::ffff:7f00:1]:" + PORT + "/mapped-hex",
                "http://[0:0:0:0:0:ffff:127.0.0.1]:" + PORT + "/mapped-long",
                "http://[::127.0.0.1]:" + PORT + "/compatible",
                "http://[64:ff9b::7f00:1]:" + PORT + "/nat64",
                "http://[2002:7f00:1::]:" + PORT + "/6to4",
                "http://[::]:" + PORT + "/unspecified-v6",
                "http://0.0.0.0:" + PORT + "/unspecified",
                "http://127.255.255.254:" + PORT + "/other-loopback",
                "http://127.1:" + PORT + "/short",
                "http://2130706433:" + PORT + "/decimal",
                "http://0x7f000001:" + PORT + "/hex",
                "http://017700000001:" + PORT + "/octal",
                "http://0177.0.0.1:" + PORT + "/octal-dotted",
                "http://0x7f.0.0.1:" + PORT + "/hex-dotted",
                "http://0:" + PORT + "/zero",
                "http://10.0.0.1/private",
                "http://172.16.0.1/private",
                "http://192.168.1.1/private",
                "http://100.64.0.1/cgnat",
                "http://169.254.169.254/latest/meta-data/",
                "http://169.254.170.2/v2/credentials",
                "http://[fd00:ec2::254]/latest/meta-data/",
                "http://[::ffff:169.254.169.254]/latest/meta-data/",
                "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
                "http://[fe80::1]/link-local",
                "http://[fc00::1]/unique-local",
                "http://224.0.0.1/multicast",
                "http://255.255.255.255/broadcast",
                "http://198.18.0.1/benchmarking",
                "http://192.0.0.170/ietf"));
        for (String forbidden : List.of(
                secret,
                "http://localhost:" + PORT + "/secret",
                "http://[::1]:" + PORT + "/secret",
                "http://[::ffff:127.0.0.1]:" + PORT + "/secret",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.1/secret",
                "http://0x7f000001:" + PORT + "/secret",
                "ftp://127.0.0.2/secret",
                "http://127.0.0.2:22/secret")) {
            corpus.add(images.url("/redirect?to=" + java.net.URLEncoder.encode(forbidden, StandardCharsets.UTF_8)));
        }
        corpus.add(images.url("/loop/1")); // ends at the image, but only after more redirects than allowed
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(40);

        Map<String, String> started = new LinkedHashMap<>();
        for (String url : corpus) {
            String id = newRawImage("alice");
            Response answer = startImport("alice", id, webDownload(url));
            if (answer.statusCode() == 202) {
                started.put(url, id);
            } else {
                assertThat(answer.statusCode()).as(url).isEqualTo(400);
                assertThat(answer.asString()).as(url).contains("does not pass filtering");
            }
        }
        for (Map.Entry<String, String> import_ : started.entrySet()) {
            Map<String, Object> task = awaitTaskEnd("alice", import_.getValue());
            assertThat(task).as(import_.getKey()).containsEntry("status", "failure");
            assertThat(String.valueOf(task.get("message")))
                    .as(import_.getKey())
                    .containsAnyOf("Refused to connect", "does not pass filtering", "redirects", "cannot be resolved");
            JsonPath image = awaitImage(
                    "alice",
                    import_.getValue(),
                    shown -> !shown.getString("os_glance_failed_import").isEmpty());
            assertThat(image.getString("status")).as(import_.getKey()).isEqualTo("queued");
        }
        assertThat(trap.requests()).isEmpty();
        assertThat(images.requests()).noneMatch(head -> head.startsWith("GET /secret"));
        assertThat(images.requests()).noneMatch(head -> head.startsWith("GET /loop/7 "));
        System.out.printf(
                "web-download SSRF corpus: %d URLs, %d refused at the request (400), %d refused by the import; "
                        + "0 fetched%n",
                corpus.size(), corpus.size() - started.size(), started.size());
    }

    private static Map<String, Object> webDownload(String url) {
        return Map.of("method", Map.of("name", "web-download", "uri", url));
    }

    private static Map<String, Object> webDownload(String url, String algorithm, String digest) {
        return Map.of(
                "method",
                Map.of(
                        "name",
                        "web-download",
                        "uri",
                        url,
                        "validation_data",
                        Map.of("os_hash_algo", algorithm, "os_hash_value", digest)));
    }
}
