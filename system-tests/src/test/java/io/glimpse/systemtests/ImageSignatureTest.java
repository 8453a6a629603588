package io.glimpse.systemtests;

import io.glimpse.contracts.event.EventJson;
import io.glimpse.contracts.event.SignatureEventData;
import io.glimpse.contracts.model.VerificationOutcome;
import io.glimpse.contracts.topic.Topics;
import io.glimpse.testsupport.TopicReader;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.glimpse.systemtests.Imports.awaitImportEnd;
import static io.glimpse.systemtests.Imports.awaitTaskEnd;
import static io.glimpse.systemtests.Imports.startImport;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed uploads end to end through the gateway (glance-v2-api.md §6): certificates stored through the Barbican
 * API, data signed with {@code openssl dgst -sign} as Glance's users do, catalog streaming the data once and
 * asking signature-service over the digest. Every key type and hash method Glance verifies is exercised. A failed
 * verification is 400 and leaves the image queued with no data: a correct upload to the same store afterwards
 * succeeds, which a leftover object would refuse (409).
 */
class ImageSignatureTest extends ThroughTheGateway {
    private static final String PATCH = "application/openstack-images-v2.1-json-patch";

    @TempDir
    static Path dir;

    private static OpensslPki pki;
    /** Signing key and the uuid of its stored self-signed certificate, by Glance key type. */
    private static Map<String, Signer> signers;

    private static Signer other;
    private static Signer expired;

    private record Signer(Path key, String certificate) {
        String sign(String hashMethod, byte[] data) {
            return pki.sign(key, hashMethod, key.getFileName().toString().startsWith("rsa"), data);
        }
    }

    @BeforeAll
    static void certificates() {
        pki = new OpensslPki(dir);
        signers = Map.of(
                "RSA-PSS", selfSignedSigner(pki.rsaKey("rsa-signer"), "rsa-signer"),
                "DSA", selfSignedSigner(pki.dsaKey("dsa-signer"), "dsa-signer"),
                "ECC_SECP384R1", selfSignedSigner(pki.ecKey("ec384-signer", "P-384"), "ec384-signer"),
                "ECC_SECP521R1", selfSignedSigner(pki.ecKey("ec521-signer", "P-521"), "ec521-signer"),
                "ECC_SECP256R1", selfSignedSigner(pki.ecKey("ec256-signer", "P-256"), "ec256-signer"));
        other = new Signer(pki.rsaKey("rsa-other"), null);
        Path expiredKey = pki.rsaKey("rsa-expired");
        expired = new Signer(expiredKey, storeCertificate(pki.der(pki.expiredSelfSigned(expiredKey, "expired"))));
    }

    @Test
    void aValidSignatureActivatesTheImageOnEitherStore() {
        Signer rsa = signers.get("RSA-PSS");
        for (String store : List.of("file", "s3")) {
            byte[] data = data(3 * 1024 * 1024 + 11);
            String id = signedImage(rsa.sign("SHA-256", data), "SHA-256", "RSA-PSS", rsa.certificate());
            Response uploaded = upload(id, store, data);
            assertThat(uploaded.statusCode())
                    .as(store + ": " + uploaded.asString())
                    .isEqualTo(204);
            Response shown = as("alice").get("/v2/images/" + id);
            assertThat(shown.jsonPath().getString("status")).isEqualTo("active");
            assertThat(shown.jsonPath().getString("stores")).isEqualTo(store);
            assertThat(as("alice")
                            .accept("*/*")
                            .get("/v2/images/" + id + "/file")
                            .asByteArray())
                    .isEqualTo(data);
        }
    }

    /** Each key type with the hash methods it is used with: tampered data is refused, the real data verifies. */
    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({
        "RSA-PSS, SHA-224",
        "RSA-PSS, SHA-256",
        "RSA-PSS, SHA-384",
        "RSA-PSS, SHA-512",
        "DSA, SHA-224",
        "DSA, SHA-256",
        "ECC_SECP384R1, SHA-256",
        "ECC_SECP384R1, SHA-384",
        "ECC_SECP384R1, SHA-512",
        "ECC_SECP521R1, SHA-224",
        "ECC_SECP521R1, SHA-512"
    })
    void everyKeyTypeAndHashMethodVerifies(String keyType, String hashMethod) {
        Signer signer = signers.get(keyType);
        byte[] data = data(96 * 1024 + hashMethod.length());
        byte[] tampered = data.clone();
        tampered[data.length / 2] ^= 0x40;
        String id = signedImage(signer.sign(hashMethod, data), hashMethod, keyType, signer.certificate());

        assertRefusedThenCleanRetry(id, "file", tampered, data);
        assertThat(as("alice").accept("*/*").get("/v2/images/" + id + "/file").asByteArray())
                .isEqualTo(data);
    }

    @Test
    void aSignatureFromAnotherKeyIsRefused() {
        Signer rsa = signers.get("RSA-PSS");
        byte[] data = data(512 * 1024);
        String id = signedImage(other.sign("SHA-256", data), "SHA-256", "RSA-PSS", rsa.certificate());

        Response refused = assertRefused(id, "s3", data);
        assertThat(refused.asString()).contains("Signature verification failed");
        resign(id, rsa.sign("SHA-256", data), rsa.certificate());
        assertThat(upload(id, "s3", data).statusCode())
                .as("no object left in s3")
                .isEqualTo(204);
    }

    @Test
    void anExpiredCertificateIsRefused() {
        byte[] data = data(256 * 1024);
        String id = signedImage(expired.sign("SHA-256", data), "SHA-256", "RSA-PSS", expired.certificate());

        Response refused = assertRefused(id, "file", data);
        assertThat(refused.asString()).contains("expired");
        Signer rsa = signers.get("RSA-PSS");
        resign(id, rsa.sign("SHA-256", data), rsa.certificate());
        assertThat(upload(id, "file", data).statusCode()).as("no file left").isEqualTo(204);
    }

    /** A key type that is not the certificate's key: refused even though the signature itself is sound. */
    @ParameterizedTest(name = "{1} signature declared as {0}")
    @CsvSource({"DSA, RSA-PSS", "RSA-PSS, DSA", "ECC_SECP521R1, ECC_SECP384R1", "RSA-PSS, ECC_SECP384R1"})
    void aKeyTypeThatIsNotTheCertificatesIsRefused(String declared, String actual) {
        Signer signer = signers.get(actual);
        byte[] data = data(64 * 1024);
        String id = signedImage(signer.sign("SHA-384", data), "SHA-384", declared, signer.certificate());

        Response refused = assertRefused(id, "file", data);
        assertThat(refused.asString()).contains("Signature verification failed");
    }

    /** Glance verifies ECDSA only on curves of 384 bits and more; P-256, unknown hashes, bad base64 are refused. */
    @Test
    void unsupportedOrMalformedSignatureParametersAreRefused() {
        Signer p256 = signers.get("ECC_SECP256R1");
        byte[] data = data(32 * 1024);
        String onP256 = signedImage(p256.sign("SHA-256", data), "SHA-256", "ECC_SECP256R1", p256.certificate());
        assertThat(assertRefused(onP256, "file", data).asString()).contains("Signature verification failed");

        Signer rsa = signers.get("RSA-PSS");
        String withSha1 = signedImage(rsa.sign("SHA-256", data), "SHA-1", "RSA-PSS", rsa.certificate());
        assertThat(assertRefused(withSha1, "file", data).asString()).contains("Signature verification failed");

        String notBase64 = signedImage("not base64!", "SHA-256", "RSA-PSS", rsa.certificate());
        assertThat(assertRefused(notBase64, "file", data).asString()).contains("Signature verification failed");

        String unknownCertificate = signedImage(
                rsa.sign("SHA-256", data),
                "SHA-256",
                "RSA-PSS",
                UUID.randomUUID().toString());
        assertThat(assertRefused(unknownCertificate, "s3", data).asString()).contains("Signature verification failed");
    }

    /**
     * copy-image of a signed image by an admin: the copied data is verified again, with the certificate of the image's
     * owner (the admin's project cannot see it). A signature that no longer matches the data (replaced after the
     * image became active) fails the copy and leaves the image where it was.
     */
    @Test
    void anAdminCopiesASignedImageAndTheCopyIsVerified() {
        Signer rsa = signers.get("RSA-PSS");
        byte[] data = data(2 * 1024 * 1024 + 5);
        String id = signedImage(rsa.sign("SHA-256", data), "SHA-256", "RSA-PSS", rsa.certificate());
        assertThat(upload(id, "file", data).statusCode()).isEqualTo(204);

        startImport("admin", id, Map.of("method", Map.of("name", "copy-image"), "stores", List.of("s3")))
                .then()
                .statusCode(202);
        JsonPath copied = awaitImportEnd("admin", id);
        assertThat(copied.getString("stores")).isEqualTo("file,s3");
        assertThat(copied.getString("os_glance_failed_import")).isEmpty();
        assertThat(awaitTaskEnd("admin", id).get("status")).isEqualTo("success");
        assertThat(as("alice")
                        .queryParam("prefer", "s3")
                        .accept("*/*")
                        .get("/v2/images/" + id + "/file")
                        .asByteArray())
                .isEqualTo(data);

        String resigned = signedImage(rsa.sign("SHA-256", data), "SHA-256", "RSA-PSS", rsa.certificate());
        assertThat(upload(resigned, "file", data).statusCode()).isEqualTo(204);
        resign(resigned, other.sign("SHA-256", data), rsa.certificate());
        startImport("admin", resigned, Map.of("method", Map.of("name", "copy-image"), "stores", List.of("s3")))
                .then()
                .statusCode(202);
        JsonPath refused = awaitImportEnd("admin", resigned);
        assertThat(refused.getString("status")).isEqualTo("active");
        assertThat(refused.getString("stores")).isEqualTo("file");
        Map<String, Object> task = awaitTaskEnd("admin", resigned);
        assertThat(task.get("status")).isEqualTo("failure");
        assertThat(String.valueOf(task.get("message"))).contains("Signature verification failed");
    }

    /** Each verification leaves an event on glimpse.signatures, keyed by image id, with its outcome. */
    @Test
    void verificationOutcomesArePublished() {
        Signer ec = signers.get("ECC_SECP521R1");
        byte[] data = data(48 * 1024);
        byte[] tampered = data.clone();
        tampered[0] ^= 1;
        String id = signedImage(ec.sign("SHA-512", data), "SHA-512", "ECC_SECP521R1", ec.certificate());
        assertRefusedThenCleanRetry(id, "file", tampered, data);

        try (TopicReader signatures = new TopicReader(Topics.SIGNATURES)) {
            List<ConsumerRecord<String, String>> records =
                    signatures.awaitRecords(id, found -> found.size() >= 2, Duration.ofSeconds(30));

            assertThat(records)
                    .extracting(r -> TopicReader.header(r, "ce_type").orElseThrow())
                    .containsExactly("image.signature.failed", "image.signature.verified");
            List<SignatureEventData> events = records.stream()
                    .map(r -> EventJson.read(r.value(), SignatureEventData.class))
                    .toList();
            assertThat(events)
                    .extracting(e -> e.verification().outcome())
                    .containsExactly(VerificationOutcome.BAD_SIGNATURE, VerificationOutcome.VERIFIED);
            assertThat(events).extracting(e -> e.verification().keyType()).containsOnly("ECC_SECP521R1");
            assertThat(events).extracting(SignatureEventData::sequence).containsExactly(1L, 2L);
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Signer selfSignedSigner(Path key, String name) {
        return new Signer(key, storeCertificate(pki.der(pki.selfSigned(key, name))));
    }

    private void assertRefusedThenCleanRetry(String id, String store, byte[] refusedData, byte[] goodData) {
        Response refused = assertRefused(id, store, refusedData);
        assertThat(refused.asString()).contains("Signature verification failed");
        Response retried = upload(id, store, goodData);
        assertThat(retried.statusCode())
                .as("no data left behind: " + retried.asString())
                .isEqualTo(204);
        assertThat(as("alice").get("/v2/images/" + id).jsonPath().getString("status"))
                .isEqualTo("active");
    }

    static Response assertRefused(String id, String store, byte[] data) {
        Response refused = upload(id, store, data);
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
        Response shown = as("alice").get("/v2/images/" + id);
        assertThat(shown.jsonPath().getString("status")).isEqualTo("queued");
        assertThat(shown.jsonPath().getString("size")).isNull();
        assertThat(shown.jsonPath().getString("checksum")).isNull();
        assertThat(shown.jsonPath().getString("stores")).isNull();
        assertThat(as("alice").accept("*/*").get("/v2/images/" + id + "/file").statusCode())
                .isEqualTo(204);
        return refused;
    }

    static Response upload(String id, String store, byte[] data) {
        return as("alice")
                .contentType("application/octet-stream")
                .header("X-Image-Meta-Store", store)
                .header("x-openstack-image-size", data.length)
                .body(data)
                .put("/v2/images/" + id + "/file");
    }

    static String signedImage(String signature, String hashMethod, String keyType, String certificateUuid) {
        Response created = createImage(
                "alice",
                Map.of(
                        "name",
                        uniqueName("signed"),
                        "disk_format",
                        "raw",
                        "container_format",
                        "bare",
                        "img_signature",
                        signature,
                        "img_signature_hash_method",
                        hashMethod,
                        "img_signature_key_type",
                        keyType,
                        "img_signature_certificate_uuid",
                        certificateUuid));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        return created.jsonPath().getString("id");
    }

    private static void resign(String id, String signature, String certificateUuid) {
        String body = "[{\"op\":\"replace\",\"path\":\"/img_signature\",\"value\":\"" + signature + "\"},"
                + "{\"op\":\"replace\",\"path\":\"/img_signature_certificate_uuid\",\"value\":\""
                + certificateUuid + "\"}]";
        assertThat(as("alice")
                        .contentType(PATCH)
                        .body(body.getBytes(StandardCharsets.UTF_8))
                        .patch("/v2/images/" + id)
                        .statusCode())
                .isEqualTo(200);
    }

    /** The certificate through the Barbican secrets API, as DER in base64; its uuid. */
    static String storeCertificate(byte[] der) {
        Response stored = as("alice")
                .contentType("application/json")
                .body(Map.of(
                        "name",
                        uniqueName("cert"),
                        "secret_type",
                        "certificate",
                        "payload",
                        Base64.getEncoder().encodeToString(der),
                        "payload_content_type",
                        "application/octet-stream",
                        "payload_content_encoding",
                        "base64"))
                .post("/key-manager/v1/secrets");
        assertThat(stored.statusCode()).as(stored.asString()).isEqualTo(201);
        String ref = stored.jsonPath().getString("secret_ref");
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    static byte[] data(int length) {
        byte[] data = new byte[length];
        new Random(length * 31L).nextBytes(data);
        return data;
    }
}
