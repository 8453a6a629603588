package io.glimpse.imports.client;

import io.glimpse.testsupport.ScriptedHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.glimpse.testsupport.ScriptedHttpServer.concat;
import static io.glimpse.testsupport.ScriptedHttpServer.header;
import static io.glimpse.testsupport.ScriptedHttpServer.ok;
import static io.glimpse.testsupport.ScriptedHttpServer.redirect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * web-download's client against real sockets: the image server listens on 127.0.0.2, the only range the policy allows
 * here; a trap listens on 127.0.0.1 (denied, as loopback is by default) and must never see a request, whether it is
 * named directly, reached by a redirect, or through a name that resolves to it.
 */
class WebFetcherTest {
    private static final byte[] IMAGE = new byte[3 * 1024 * 1024 + 17];

    static {
        new Random(7).nextBytes(IMAGE);
    }

    private final List<ScriptedHttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws IOException {
        for (ScriptedHttpServer server : servers) {
            server.close();
        }
    }

    @Test
    void fetchesASizedBodyAndSaysWhoItIs() throws Exception {
        ScriptedHttpServer server = serve("127.0.0.2", request -> ok(IMAGE));
        try (WebFetcher.Body body = fetcher(Map.of()).open(server.url("/image.raw"))) {
            assertThat(body.length()).hasValue(IMAGE.length);
            assertThat(body.readAllBytes()).isEqualTo(IMAGE);
        }
        assertThat(server.requests().getFirst()).startsWith("GET /image.raw HTTP/1.1");
        assertThat(server.requests().getFirst()).contains("User-Agent: Glimpse-test");
    }

    @Test
    void fetchesAChunkedBody() throws Exception {
        ScriptedHttpServer server = serve("127.0.0.2", request -> chunked(IMAGE));
        try (WebFetcher.Body body = fetcher(Map.of()).open(server.url("/x"))) {
            assertThat(body.length()).isEmpty();
            assertThat(body.readAllBytes()).isEqualTo(IMAGE);
        }
    }

    @Test
    void followsARedirectToAnAllowedPlace() throws Exception {
        ScriptedHttpServer server =
                serve("127.0.0.2", request -> request.startsWith("GET /old ") ? redirect(302, "/new") : ok(IMAGE));
        try (WebFetcher.Body body = fetcher(Map.of()).open(server.url("/old"))) {
            assertThat(body.readAllBytes()).isEqualTo(IMAGE);
            assertThat(body.finalUrl()).endsWith("/new");
        }
    }

    @Test
    void neverConnectsToADeniedAddressNamedRedirectedToOrResolvedTo() throws Exception {
        ScriptedHttpServer allowed = serve("127.0.0.2", request -> ok(IMAGE));
        ScriptedHttpServer trap = serve("127.0.0.1", allowed.port(), request -> ok(IMAGE));
        ScriptedHttpServer redirecting = serve("127.0.0.2", request -> redirect(307, trap.url("/secret")));
        ScriptedHttpServer toName =
                serve("127.0.0.2", request -> redirect(301, "http://innocent.example:" + trap.port() + "/secret"));
        WebFetcher fetcher = fetcher(Map.of(
                "innocent.example", List.of("127.0.0.1"),
                "mixed.example", List.of("127.0.0.2", "127.0.0.1"),
                "metadata.example", List.of("169.254.169.254")));
        List<String> denied = List.of(
                trap.url("/direct"),
                "http://[::1]:" + trap.port() + "/v6-loopback",
                "http://[::ffff:127.0.0.1]:" + trap.port() + "/mapped",
                "http://localhost:" + trap.port() + "/by-name",
                "http://innocent.example:" + trap.port() + "/resolves-to-loopback",
                "http://mixed.example:" + allowed.port() + "/one-bad-address",
                "http://metadata.example/latest/meta-data/",
                "http://169.254.169.254/latest/meta-data/",
                redirecting.url("/hop"),
                toName.url("/hop"));
        for (String url : denied) {
            assertThatThrownBy(() -> fetcher.open(url).close())
                    .as(url)
                    .isInstanceOf(WebDownloadRefused.class)
                    .hasMessageContaining("Refused to connect");
        }
        assertThat(trap.requests()).isEmpty();
        assertThat(allowed.requests()).isEmpty();
    }

    @Test
    void refusesEndlessRedirectsAndAnythingButSuccess() throws Exception {
        ScriptedHttpServer loop = serve("127.0.0.2", request -> redirect(302, "/again"));
        assertThatThrownBy(() -> fetcher(Map.of()).open(loop.url("/start")))
                .isInstanceOf(WebDownloadRefused.class)
                .hasMessageContaining("More than 3 redirects");
        ScriptedHttpServer missing = serve(
                "127.0.0.2",
                request -> "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> fetcher(Map.of()).open(missing.url("/gone")))
                .isInstanceOf(WebDownloadRefused.class)
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void aRedirectFailingTheUrlFilterIsRefused() throws Exception {
        ScriptedHttpServer server = serve("127.0.0.2", request -> redirect(302, "ftp://127.0.0.2/x"));
        WebFetcher strict = new WebFetcher(
                new AddressPolicy(List.of("127.0.0.2/32")),
                url -> url.startsWith("http://"),
                InetAddress::getAllByName,
                settings());
        assertThatThrownBy(() -> strict.open(server.url("/x")))
                .isInstanceOf(WebDownloadRefused.class)
                .hasMessageContaining("does not pass filtering");
    }

    @Test
    void aDroppedConnectionIsResumedWithRange() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ScriptedHttpServer server = serve("127.0.0.2", request -> {
            if (calls.incrementAndGet() == 1) {
                byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + IMAGE.length + "\r\nETag: \"v1\"\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
                return concat(head, java.util.Arrays.copyOf(IMAGE, IMAGE.length / 3)); // then the connection drops
            }
            String range = header(request, "range");
            long from = Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
            byte[] rest = java.util.Arrays.copyOfRange(IMAGE, (int) from, IMAGE.length);
            byte[] head = ("HTTP/1.1 206 Partial Content\r\nContent-Length: " + rest.length
                            + "\r\nContent-Range: bytes " + from + "-" + (IMAGE.length - 1) + "/" + IMAGE.length
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            return concat(head, rest);
        });
        try (WebFetcher.Body body = fetcher(Map.of()).open(server.url("/image"))) {
            assertThat(body.readAllBytes()).isEqualTo(IMAGE);
            assertThat(body.resumes()).isEqualTo(1);
        }
        assertThat(header(server.requests().get(1), "if-range")).isEqualTo("\"v1\"");
    }

    @Test
    void aBodyCutShortThatCannotBeResumedFails() throws Exception {
        ScriptedHttpServer server = serve("127.0.0.2", request -> {
            byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + IMAGE.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            return concat(head, java.util.Arrays.copyOf(IMAGE, 1000));
        });
        try (WebFetcher.Body body = fetcher(Map.of()).open(server.url("/image"))) {
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    private static WebFetcher.Settings settings() {
        return new WebFetcher.Settings(3, Duration.ofSeconds(2), Duration.ofSeconds(5), 2, "Glimpse-test");
    }

    /** Only 127.0.0.2 allowed; names from {@code names}, then the system resolver. */
    private static WebFetcher fetcher(Map<String, List<String>> names) {
        WebFetcher.Resolver resolver = host -> {
            List<String> given = names.get(host.toLowerCase(Locale.ROOT));
            if (given == null) {
                return InetAddress.getAllByName(host);
            }
            List<InetAddress> addresses = new ArrayList<>();
            for (String address : given) {
                addresses.add(InetAddress.getByName(address));
            }
            return addresses.toArray(InetAddress[]::new);
        };
        return new WebFetcher(new AddressPolicy(List.of("127.0.0.2/32")), url -> true, resolver, settings());
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        for (int offset = 0; offset < body.length; offset += 100_000) {
            int length = Math.min(100_000, body.length - offset);
            out.writeBytes((Integer.toHexString(length) + ";ext=1\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, offset, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\nX-Trailer: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private ScriptedHttpServer serve(String address, Function<String, byte[]> answer) throws IOException {
        return serve(address, 0, answer);
    }

    private ScriptedHttpServer serve(String address, int port, Function<String, byte[]> answer) throws IOException {
        ScriptedHttpServer server = new ScriptedHttpServer(address, port, answer);
        servers.add(server);
        return server;
    }
}
