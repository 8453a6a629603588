package io.glimpse.signature.rest;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.SignatureEventData;
import io.glimpse.contracts.internal.InternalApi;
import io.glimpse.contracts.model.VerificationOutcome;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.signature.TestPki;
import io.glimpse.signature.TestPki.Identity;
import io.glimpse.testsupport.Tokens;
import io.glimpse.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The internal verification API against real PostgreSQL, Kafka and Keycloak tokens: certificates
 * stored through the secrets API, data signed with {@code openssl dgst -sign} as Glance's users do,
 * the digest computed by the "caller", and every outcome announced on {@code glimpse.signatures}.
 */
@QuarkusTest
class VerificationResourceTest {
    static final byte[] DATA =
            ("qcow2 image bytes " + UUID.randomUUID()).repeat(500).getBytes(StandardCharsets.UTF_8);
    private static TopicReader signatures;

    @BeforeAll
    static void connect() {
        signatures = new TopicReader(Topics.SIGNATURES);
    }

    @AfterAll
    static void disconnect() {
        signatures.close();
    }

    /** Stores the identity's certificate as alice (project-a) and returns its uuid. */
    static String storeAsAlice(Identity identity) {
        return SecretResourceTest.storedId("alice", SecretResourceTest.derCertificate("cert", identity));
    }

    static Map<String, Object> request(
            String imageId, String certificate, byte[] signature, String hash, String keyType, byte[] data) {
        Map<String, Object> body = new HashMap<>();
        body.put("image_id", imageId);
        body.put("certificate_uuid", certificate);
        body.put("signature_base64", TestPki.base64(signature));
        body.put("hash_method", hash);
        body.put("key_type", keyType);
        body.put("digest_base64", TestPki.base64(TestPki.digest(hash, data)));
        body.put("request_id", "req-" + UUID.randomUUID());
        body.put("project_id", "project-a");
        body.put("user_id", "alice");
        return body;
    }

    static Response verify(Map<String, Object> body) {
        return RestAssured.given()
                .header("Authorization", "Bearer " + Tokens.serviceAccount())
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON)
                .body(body)
                .post(InternalApi.VERIFICATIONS);
    }

    /** Verifies and checks the answer's outcome; returns the answer. */
    static Response assertOutcome(Map<String, Object> body, VerificationOutcome expected) {
        Response result = verify(body);
        assertThat(result.statusCode()).as(result.asString()).isEqualTo(200);
        assertThat(result.jsonPath().getString("outcome"))
                .as(result.jsonPath().getString("reason"))
                .isEqualTo(expected.wire());
        assertThat(result.jsonPath().getBoolean("verified")).isEqualTo(expected == VerificationOutcome.VERIFIED);
        assertThat(result.jsonPath().getString("reason")).isNotBlank();
        return result;
    }

    @Test
    void glanceUsersSignaturesVerifyForEveryKeyType() {
        record Case(Identity signer, String hash, String keyType, boolean pss) {}
        List<Case> cases = List.of(
                new Case(TestPki.selfSigned(TestPki.rsaKey(2048)), "SHA-256", "RSA-PSS", true),
                new Case(TestPki.selfSigned(TestPki.rsaKey(3072)), "SHA-512", "RSA-PSS", true),
                new Case(TestPki.selfSigned(TestPki.dsaKey(2048, 256)), "SHA-256", "DSA", false),
                new Case(TestPki.selfSigned(TestPki.dsaKey(2048, 224)), "SHA-224", "DSA", false),
                new Case(TestPki.selfSigned(TestPki.ecKey("P-384")), "SHA-384", "ECC_SECP384R1", false),
                new Case(TestPki.selfSigned(TestPki.ecKey("P-521")), "SHA-512", "ECC_SECP521R1", false));
        for (Case c : cases) {
            String certificate = storeAsAlice(c.signer());
            byte[] signature = c.signer().sign(c.hash(), DATA, c.pss());

            assertOutcome(
                    request(UUID.randomUUID().toString(), certificate, signature, c.hash(), c.keyType(), DATA),
                    VerificationOutcome.VERIFIED);
        }
    }

    @Test
    void eachVerificationIsAnnouncedInOrderOnTheSignaturesTopic() {
        Identity signer = TestPki.selfSigned(TestPki.rsaKey(2048));
        String certificate = storeAsAlice(signer);
        byte[] signature = signer.sign("SHA-256", DATA, true);
        String imageId = UUID.randomUUID().toString();
        Map<String, Object> good = request(imageId, certificate, signature, "SHA-256", "RSA-PSS", DATA);
        byte[] tampered = DATA.clone();
        tampered[100] ^= 1;

        String verifiedId =
                assertOutcome(good, VerificationOutcome.VERIFIED).jsonPath().getString("verification_id");
        assertOutcome(
                request(imageId, certificate, signature, "SHA-256", "RSA-PSS", tampered),
                VerificationOutcome.BAD_SIGNATURE);

        List<ConsumerRecord<String, String>> records =
                signatures.awaitRecords(imageId, found -> found.size() >= 2, Duration.ofSeconds(30));
        assertThat(records).hasSize(2);
        assertThat(records)
                .extracting(record -> TopicReader.header(record, "ce_type").orElseThrow())
                .containsExactly("image.signature.verified", "image.signature.failed");
        assertThat(TopicReader.cloudEventHeaders(records.get(0)))
                .containsEntry("ce_subject", imageId)
                .containsEntry("ce_source", "/glimpse/signature-service");
        SignatureEventData verified = EventJson.read(records.get(0).value(), SignatureEventData.class);
        SignatureEventData failed = EventJson.read(records.get(1).value(), SignatureEventData.class);
        assertThat(verified.sequence()).isEqualTo(1);
        assertThat(failed.sequence()).isEqualTo(2);
        assertThat(verified.requestId()).isEqualTo(good.get("request_id"));
        assertThat(verified.actor().projectId()).isEqualTo("project-a");
        assertThat(verified.verification().id()).isEqualTo(verifiedId);
        assertThat(verified.verification().certificateUuid()).isEqualTo(certificate);
        assertThat(verified.verification().verified()).isTrue();
        assertThat(failed.verification().outcome()).isEqualTo(VerificationOutcome.BAD_SIGNATURE);
        assertThat(failed.verification().reason()).contains("does not match");
    }

    @Test
    void aSignatureFromAnotherKeyIsBad() {
        Identity signer = TestPki.selfSigned(TestPki.rsaKey(2048));
        Identity other = TestPki.selfSigned(TestPki.rsaKey(3072));
        String otherCertificate = storeAsAlice(other);

        assertOutcome(
                request(
                        UUID.randomUUID().toString(),
                        otherCertificate,
                        signer.sign("SHA-256", DATA, true),
                        "SHA-256",
                        "RSA-PSS",
                        DATA),
                VerificationOutcome.BAD_SIGNATURE);
    }

    @Test
    void theCertificatesKeyMustBeOfTheKeyType() {
        Identity rsa = TestPki.selfSigned(TestPki.rsaKey(2048));
        Identity p256 = TestPki.selfSigned(TestPki.ecKey("P-256"));
        String rsaCertificate = storeAsAlice(rsa);
        String p256Certificate = storeAsAlice(p256);

        assertOutcome(
                request(
                        UUID.randomUUID().toString(),
                        rsaCertificate,
                        rsa.sign("SHA-256", DATA, true),
                        "SHA-256",
                        "DSA",
                        DATA),
                VerificationOutcome.KEY_TYPE_MISMATCH);
        Response wrongCurve = assertOutcome(
                request(
                        UUID.randomUUID().toString(),
                        p256Certificate,
                        p256.sign("SHA-384", DATA, false),
                        "SHA-384",
                        "ECC_SECP384R1",
                        DATA),
                VerificationOutcome.KEY_TYPE_MISMATCH);
        assertThat(wrongCurve.jsonPath().getString("reason")).contains("secp256r1");
        // Glance offers no curve below 384 bits, and the JDK has no binary curves.
        assertOutcome(
                request(
                        UUID.randomUUID().toString(),
                        p256Certificate,
                        p256.sign("SHA-256", DATA, false),
                        "SHA-256",
                        "ECC_SECP256R1",
                        DATA),
                VerificationOutcome.UNSUPPORTED_KEY_TYPE);
        assertOutcome(
                request(
                        UUID.randomUUID().toString(),
                        p256Certificate,
                        p256.sign("SHA-256", DATA, false),
                        "SHA-256",
                        "ECC_SECT571K1",
                        DATA),
                VerificationOutcome.UNSUPPORTED_KEY_TYPE);
    }

    @Test
    void theCertificateMustBeWithinItsValidityPeriod() {
        Identity expired = TestPki.selfSignedBetween(TestPki.rsaKey(2048), "20200101000000Z", "20210101000000Z");
        Identity future = TestPki.selfSignedBetween(TestPki.rsaKey(2048), "20990101000000Z", "21000101000000Z");
        byte[] signature = expired.sign("SHA-256", DATA, true);

        Response expiredResult = assertOutcome(
                request(UUID.randomUUID().toString(), storeAsAlice(expired), signature, "SHA-256", "RSA-PSS", DATA),
                VerificationOutcome.CERTIFICATE_EXPIRED);
        assertThat(expiredResult.jsonPath().getString("reason")).contains("2021-01-01T00:00:00Z");
        assertOutcome(
                request(UUID.randomUUID().toString(), storeAsAlice(future), signature, "SHA-256", "RSA-PSS", DATA),
                VerificationOutcome.CERTIFICATE_NOT_YET_VALID);
    }

    @Test
    void malformedValuesAreNotVerifiedAndSayWhy() {
        Identity signer = TestPki.selfSigned(TestPki.ecKey("P-384"));
        String certificate = storeAsAlice(signer);
        byte[] signature = signer.sign("SHA-384", DATA, false);
        Map<String, Object> badBase64 =
                request(UUID.randomUUID().toString(), certificate, signature, "SHA-384", "ECC_SECP384R1", DATA);
        badBase64.put("signature_base64", "not*base64!");
        Map<String, Object> shortDigest =
                request(UUID.randomUUID().toString(), certificate, signature, "SHA-384", "ECC_SECP384R1", DATA);
        shortDigest.put("digest_base64", TestPki.base64(TestPki.digest("SHA-256", DATA)));

        assertOutcome(badBase64, VerificationOutcome.INVALID_BASE64);
        assertOutcome(shortDigest, VerificationOutcome.INVALID_DIGEST);
        assertOutcome(
                request(UUID.randomUUID().toString(), certificate, signature, "SHA-1", "ECC_SECP384R1", DATA),
                VerificationOutcome.UNSUPPORTED_HASH_METHOD);
        assertOutcome(
                request(UUID.randomUUID().toString(), certificate, signature, "SHA-384", "ECC_SECP384R1", DATA),
                VerificationOutcome.VERIFIED);
    }

    @Test
    void onlyTheUploadersProjectsCertificatesCount() {
        Identity signer = TestPki.selfSigned(TestPki.rsaKey(2048));
        String bobsCertificate = SecretResourceTest.storedId("bob", SecretResourceTest.derCertificate("bobs", signer));
        byte[] signature = signer.sign("SHA-256", DATA, true);

        assertOutcome(
                request(UUID.randomUUID().toString(), bobsCertificate, signature, "SHA-256", "RSA-PSS", DATA),
                VerificationOutcome.UNKNOWN_CERTIFICATE);
        assertOutcome(
                request(
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(),
                        signature,
                        "SHA-256",
                        "RSA-PSS",
                        DATA),
                VerificationOutcome.UNKNOWN_CERTIFICATE);
        assertOutcome(
                request(UUID.randomUUID().toString(), "not-a-uuid", signature, "SHA-256", "RSA-PSS", DATA),
                VerificationOutcome.UNKNOWN_CERTIFICATE);
        Map<String, Object> asBob =
                request(UUID.randomUUID().toString(), bobsCertificate, signature, "SHA-256", "RSA-PSS", DATA);
        asBob.put("project_id", "project-b");
        asBob.put("user_id", "bob");
        assertOutcome(asBob, VerificationOutcome.VERIFIED);
    }

    @Test
    void onlyServicesMayAskAndRequestsMustBeComplete() {
        Map<String, Object> body = request(
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), new byte[] {1}, "SHA-256", "RSA-PSS", DATA);
        Map<String, Object> incomplete = new HashMap<>(body);
        incomplete.remove("digest_base64");

        assertThat(RestAssured.given()
                        .header("Authorization", "Bearer " + Tokens.forUser("alice"))
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post(InternalApi.VERIFICATIONS)
                        .statusCode())
                .isEqualTo(403);
        assertThat(RestAssured.given()
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post(InternalApi.VERIFICATIONS)
                        .statusCode())
                .isEqualTo(401);
        Response rejected = verify(incomplete);
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.jsonPath().getString("message")).contains("'digest_base64' is required");
    }
}
