package io.glimpse.gateway.routing;

import io.glimpse.contracts.internal.SendFile;
import io.glimpse.gateway.support.UpstreamStubs;
import io.glimpse.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Image data the gateway sends itself (ADR 0010): a service that decided a download names a local file and a span,
 * and the client gets exactly those bytes with the service's status and headers; a file outside the configured roots
 * (directly or through a symbolic link) is never sent; clients can neither offer nor name files.
 */
@QuarkusTest
@WithTestResource(UpstreamStubs.class)
class SendFileTest {
    private static final Path ROOT = Path.of("target/send-file-root").toAbsolutePath();
    private static final byte[] DATA = new byte[3 * 1024 * 1024 + 17];
    private static Path image;

    @BeforeAll
    static void aFileInTheRoot() throws IOException {
        new Random(11).nextBytes(DATA);
        Files.createDirectories(ROOT);
        image = ROOT.resolve("image-" + System.nanoTime());
        Files.write(image, DATA);
    }

    @Test
    void theNamedSpanOfAFileUnderTheRootIsSentWithTheServicesHeaders() {
        Response whole = download("send-file:200:0:" + DATA.length + ":" + image);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.asByteArray()).isEqualTo(DATA);
        assertThat(whole.header("Content-Length")).isEqualTo(Integer.toString(DATA.length));
        assertThat(whole.header("Content-MD5")).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(whole.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(whole.header("X-Echo-Offer")).isEqualTo("1");
        assertThat(whole.header(SendFile.PATH)).isNull();
        assertThat(whole.header(SendFile.SPAN)).isNull();

        Response span = download("send-file:206:1000:5000:" + image);
        assertThat(span.statusCode()).isEqualTo(206);
        assertThat(span.asByteArray()).isEqualTo(Arrays.copyOfRange(DATA, 1000, 6000));
        assertThat(span.header("Content-Length")).isEqualTo("5000");
    }

    @Test
    void aFileOutsideTheRootsIsNotSent() throws IOException {
        Path outside = Files.createTempFile("outside-the-root", ".txt");
        Files.writeString(outside, "secret");
        Path link = ROOT.resolve("link-" + System.nanoTime());
        Files.createSymbolicLink(link, outside);

        for (Path file : new Path[] {outside, link, ROOT.resolve("../send-file-root/../" + outside.getFileName())}) {
            Response refused = download("send-file:200:0:6:" + file);
            assertThat(refused.statusCode()).as(file.toString()).isEqualTo(502);
            assertThat(refused.asString()).doesNotContain("secret");
        }
    }

    @Test
    void aSpanBeyondTheFileOrAMissingFileIsA502() {
        assertThat(download("send-file:200:0:" + (DATA.length + 1) + ":" + image)
                        .statusCode())
                .isEqualTo(502);
        assertThat(download("send-file:200:-1:10:" + image).statusCode()).isEqualTo(502);
        assertThat(download("send-file:200:0:10:" + ROOT.resolve("gone")).statusCode())
                .isEqualTo(502);
    }

    @Test
    void clientsCanNeitherOfferNorNameFiles() {
        JsonObject echo = new JsonObject(RestAssured.given()
                .header("X-Auth-Token", Tokens.forUser("alice"))
                .header(SendFile.OFFER, "1")
                .header(SendFile.PATH, image.toString())
                .header(SendFile.SPAN, "0 10")
                .contentType("application/octet-stream")
                .body(new byte[] {1, 2, 3})
                .put("/v2/images/some-image/file")
                .asString());
        JsonObject headers = echo.getJsonObject("headers");
        assertThat(headers.containsKey(SendFile.OFFER.toLowerCase())).isFalse();
        assertThat(headers.containsKey(SendFile.PATH.toLowerCase())).isFalse();
        assertThat(headers.containsKey(SendFile.SPAN.toLowerCase())).isFalse();
    }

    private static Response download(String behaviour) {
        return RestAssured.given()
                .header("X-Auth-Token", Tokens.forUser("alice"))
                .header("X-Echo-Behaviour", behaviour)
                .get("/v2/images/some-image/file");
    }
}
