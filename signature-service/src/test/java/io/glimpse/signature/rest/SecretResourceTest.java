package io.glimpse.signature.rest;

import io.glimpse.signature.TestPki;
import io.glimpse.signature.TestPki.Identity;
import io.glimpse.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Barbican-compatible certificate store on its own, against real PostgreSQL and Keycloak tokens,
 * with bodies as python-barbicanclient sends them.
 */
@QuarkusTest
class SecretResourceTest {
    private static final String SECRETS = "/key-manager/v1/secrets";
    private static final Identity RSA = TestPki.selfSigned(TestPki.rsaKey(2048));

    static RequestSpecification as(String user) {
        return RestAssured.given().header("Authorization", "Bearer " + Tokens.forUser(user));
    }

    /** {@code openstack secret store --secret-type certificate -t application/octet-stream -e base64 -p "$(base64 cert.der)"}. */
    static Map<String, Object> derCertificate(String name, Identity identity) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("secret_type", "certificate");
        body.put("payload", TestPki.base64(identity.certificateDer()));
        body.put("payload_content_type", "application/octet-stream");
        body.put("payload_content_encoding", "base64");
        body.put("algorithm", "RSA");
        return body;
    }

    static Response store(String user, Object body) {
        return as(user).contentType(ContentType.JSON)
                .accept(ContentType.JSON)
                .body(body)
                .post(SECRETS);
    }

    static String storedId(String user, Object body) {
        Response stored = store(user, body);
        assertThat(stored.statusCode()).as(stored.asString()).isEqualTo(201);
        String ref = stored.jsonPath().getString("secret_ref");
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    @Test
    void aDerCertificateIsStoredAndReadBackAsBarbicanShowsIt() {
        String name = "signing-" + UUID.randomUUID();
        Response stored = store("alice", derCertificate(name, RSA));

        assertThat(stored.statusCode()).isEqualTo(201);
        String ref = stored.jsonPath().getString("secret_ref");
        assertThat(ref).matches("http://127\\.0\\.0\\.1:9292/key-manager/v1/secrets/[0-9a-f-]{36}");
        assertThat(stored.header("Location")).isEqualTo(ref);
        String id = ref.substring(ref.lastIndexOf('/') + 1);

        Response metadata = as("alice").accept(ContentType.JSON).get(SECRETS + "/" + id);
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.jsonPath().getMap(""))
                .containsEntry("status", "ACTIVE")
                .containsEntry("name", name)
                .containsEntry("secret_type", "certificate")
                .containsEntry("secret_ref", ref)
                .containsEntry("algorithm", "RSA")
                .containsEntry("expiration", null)
                .containsEntry("bit_length", null);
        assertThat(metadata.jsonPath().getMap("content_types")).containsEntry("default", "application/octet-stream");
        assertThat(metadata.jsonPath().getString("created"))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(metadata.jsonPath().getString("creator_id")).isNotBlank();

        Response payload = as("alice").accept("application/octet-stream").get(SECRETS + "/" + id + "/payload");
        assertThat(payload.statusCode()).isEqualTo(200);
        assertThat(payload.contentType()).startsWith("application/octet-stream");
        assertThat(payload.asByteArray()).isEqualTo(RSA.certificateDer());
        Response byAccept = as("alice").accept("application/octet-stream").get(SECRETS + "/" + id);
        assertThat(byAccept.asByteArray()).isEqualTo(RSA.certificateDer());
        Response notAcceptable = as("alice").accept("text/plain").get(SECRETS + "/" + id + "/payload");
        assertThat(notAcceptable.statusCode()).isEqualTo(406);
        assertThat(notAcceptable.jsonPath().getString("description")).contains("application/octet-stream only");
    }

    @Test
    void aPemCertificateIsStoredAsText() {
        String pem = new String(RSA.certificatePem(), StandardCharsets.US_ASCII);
        Map<String, Object> body = Map.of(
                "secret_type",
                "certificate",
                "payload",
                pem,
                "payload_content_type",
                "text/plain;charset=utf-8",
                "expiration",
                "2099-01-01T00:00:00Z");
        String id = storedId("alice", body);

        Response payload = as("alice").accept("text/plain").get(SECRETS + "/" + id + "/payload");
        assertThat(payload.statusCode()).isEqualTo(200);
        assertThat(payload.asString()).isEqualTo(pem);
        Response metadata = as("alice").accept(ContentType.JSON).get(SECRETS + "/" + id);
        assertThat(metadata.jsonPath().getString("content_types.default")).isEqualTo("text/plain");
        assertThat(metadata.jsonPath().getString("expiration")).isEqualTo("2099-01-01T00:00:00.000000");
    }

    @Test
    void invalidStoreRequestsAreRejectedWithTheReason() {
        Map<String, Object> notX509 = derCertificate("junk", RSA);
        notX509.put("payload", TestPki.base64("not a certificate".getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> opaque = derCertificate("opaque", RSA);
        opaque.put("secret_type", "opaque");
        Map<String, Object> untyped = derCertificate("untyped", RSA);
        untyped.remove("secret_type");
        Map<String, Object> unencoded = derCertificate("unencoded", RSA);
        unencoded.remove("payload_content_encoding");
        Map<String, Object> pastExpiration = derCertificate("expired", RSA);
        pastExpiration.put("expiration", "2020-01-01T00:00:00Z");

        Response invalid = store("alice", notX509);
        assertThat(invalid.statusCode()).isEqualTo(400);
        // Barbican's error body, which python-barbicanclient shows as "title: description"
        assertThat(invalid.jsonPath().getInt("code")).isEqualTo(400);
        assertThat(invalid.jsonPath().getString("title")).isEqualTo("Bad Request");
        assertThat(invalid.jsonPath().getString("description")).contains("not a valid X.509 certificate");
        assertThat(store("alice", opaque).statusCode()).isEqualTo(400);
        assertThat(store("alice", opaque).jsonPath().getString("description"))
                .contains("Only secret_type 'certificate'");
        assertThat(store("alice", untyped).statusCode()).isEqualTo(400);
        assertThat(store("alice", unencoded).statusCode()).isEqualTo(400);
        assertThat(store("alice", pastExpiration).statusCode()).isEqualTo(400);
        assertThat(store("alice", Map.of("secret_type", "certificate")).statusCode())
                .isEqualTo(400);
        assertThat(store("alice", List.of(1, 2)).statusCode()).isEqualTo(400);
        Response malformed = store("alice", "{\"payload\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.jsonPath().getString("description")).contains("Malformed JSON");
        assertThat(as("alice")
                        .contentType(ContentType.TEXT)
                        .body("x")
                        .post(SECRETS)
                        .statusCode())
                .isEqualTo(415);
    }

    @Test
    void secretsAreScopedToTheirProject() {
        String id = storedId("alice", derCertificate("alice-only", RSA));

        assertThat(as("alice").accept(ContentType.JSON).get(SECRETS + "/" + id).statusCode())
                .isEqualTo(200);
        assertThat(as("carol").accept(ContentType.JSON).get(SECRETS + "/" + id).statusCode())
                .isEqualTo(200);
        assertThat(as("bob").accept(ContentType.JSON).get(SECRETS + "/" + id).statusCode())
                .isEqualTo(404);
        assertThat(as("bob")
                        .accept("application/octet-stream")
                        .get(SECRETS + "/" + id + "/payload")
                        .statusCode())
                .isEqualTo(404);
        assertThat(as("bob").delete(SECRETS + "/" + id).statusCode()).isEqualTo(404);
        assertThat(as("admin").accept(ContentType.JSON).get(SECRETS + "/" + id).statusCode())
                .isEqualTo(200);
        assertThat(as("alice")
                        .accept(ContentType.JSON)
                        .get(SECRETS + "/" + UUID.randomUUID())
                        .statusCode())
                .isEqualTo(404);
        assertThat(as("alice")
                        .accept(ContentType.JSON)
                        .get(SECRETS + "/not-a-uuid")
                        .statusCode())
                .isEqualTo(404);
        assertThat(RestAssured.given()
                        .accept(ContentType.JSON)
                        .get(SECRETS + "/" + id)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void readersReadButOnlyMembersStoreAndDelete() {
        String id = storedId("alice", derCertificate("members-only", RSA));

        assertThat(store("carol", derCertificate("reader", RSA)).statusCode()).isEqualTo(403);
        assertThat(as("carol").delete(SECRETS + "/" + id).statusCode()).isEqualTo(403);
        assertThat(as("alice").delete(SECRETS + "/" + id).statusCode()).isEqualTo(204);
        assertThat(as("alice").accept(ContentType.JSON).get(SECRETS + "/" + id).statusCode())
                .isEqualTo(404);
        assertThat(as("alice").delete(SECRETS + "/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void adminsMayDeleteAnyProjectsSecret() {
        String id = storedId("bob", derCertificate("bobs", RSA));

        assertThat(as("admin").delete(SECRETS + "/" + id).statusCode()).isEqualTo(204);
        assertThat(as("bob").accept(ContentType.JSON).get(SECRETS + "/" + id).statusCode())
                .isEqualTo(404);
    }

    @Test
    void listsPageLikeBarbicanAndShowOnlyTheCallersProject() {
        String name = "paged-" + UUID.randomUUID();
        List<String> refs = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            refs.add(store("bob", derCertificate(name, RSA)).jsonPath().getString("secret_ref"));
        }
        String alicesName = "alices-" + UUID.randomUUID();
        storedId("alice", derCertificate(alicesName, RSA));

        Response first = as("bob")
                .accept(ContentType.JSON)
                .queryParam("name", name)
                .queryParam("limit", 2)
                .get(SECRETS);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.jsonPath().getInt("total")).isEqualTo(3);
        assertThat(first.jsonPath().getList("secrets.secret_ref", String.class))
                .containsExactly(refs.get(0), refs.get(1));
        assertThat(first.jsonPath().getString("next")).endsWith(SECRETS + "?limit=2&offset=2&name=" + name);
        assertThat(first.jsonPath().getMap("")).doesNotContainKey("previous");

        Response second = as("bob")
                .accept(ContentType.JSON)
                .queryParam("name", name)
                .queryParam("limit", 2)
                .queryParam("offset", 2)
                .get(SECRETS);
        assertThat(second.jsonPath().getList("secrets.secret_ref", String.class))
                .containsExactly(refs.get(2));
        assertThat(second.jsonPath().getString("previous")).endsWith(SECRETS + "?limit=2&offset=0&name=" + name);
        assertThat(second.jsonPath().getMap("")).doesNotContainKey("next");

        Response everyProject =
                as("bob").accept(ContentType.JSON).queryParam("limit", 100).get(SECRETS);
        assertThat(everyProject.jsonPath().getList("secrets.name", String.class))
                .doesNotContain(alicesName);
        Response admin = as("admin")
                .accept(ContentType.JSON)
                .queryParam("name", alicesName)
                .get(SECRETS);
        assertThat(admin.jsonPath().getInt("total")).isEqualTo(1);
        assertThat(as("bob")
                        .accept(ContentType.JSON)
                        .queryParam("limit", "lots")
                        .queryParam("name", name)
                        .get(SECRETS)
                        .jsonPath()
                        .getList("secrets"))
                .hasSize(3);
    }
}
