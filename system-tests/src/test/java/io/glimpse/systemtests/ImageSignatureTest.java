package io.glimpse.systemtests;

import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed uploads end to end through the gateway (glance-v2-api.md §6): certificates stored through the Barbican
 * API, data signed with {@code openssl dgst -sign} as Glance's users do, catalog streaming the data once and
 * asking signature-service over the digest. A failed verification is 400 and leaves the image queued with no data:
 * a correct upload to the same store afterwards succeeds, which a leftover object would refuse (409).
 */
class ImageSignatureTest extends ThroughTheGateway {
    private static final String PATCH = "application/openstack-images-v2.1-json-patch";

    @TempDir
    static Path pki;
    private static Path key;
    private static String certificate;
    private static Path otherKey;
    private static String expiredCertificate;

    @BeforeAll
    static void certificates() throws Exception {
        key = rsaKey("signer");
        certificate = storeCertificate(selfSigned(key, "signer"));
        otherKey = rsaKey("other");
        Path expiredKey = rsaKey("expired");
        expiredCertificate = storeCertificate(expiredSelfSigned(expiredKey));
    }

    @Test
    void aValidSignatureActivatesTheImageOnEitherStore() throws Exception {
        for (String store : List.of("file", "s3")) {
            byte[] data = data(3 * 1024 * 1024 + 11);
            String id = signedImage(sign(key, data), certificate);
            Response uploaded = upload(id, store, data);
            assertThat(uploaded.statusCode()).as(store + ": " + uploaded.asString()).isEqualTo(204);
            Response shown = as("alice").get("/v2/images/" + id);
            assertThat(shown.jsonPath().getString("status")).isEqualTo("active");
            assertThat(shown.jsonPath().getString("stores")).isEqualTo(store);
            assertThat(as("alice").accept("*/*").get("/v2/images/" + id + "/file").asByteArray()).isEqualTo(data);
        }
    }

    @Test
    void tamperedDataIsRefusedAndLeavesNothingBehind() throws Exception {
        byte[] data = data(1024 * 1024);
        String signature = sign(key, data);
        byte[] tampered = data.clone();
        tampered[4096] ^= 1;
        String id = signedImage(signature, certificate);

        assertRefusedThenCleanRetry(id, "file", tampered, data);
    }

    @Test
    void aSignatureFromAnotherKeyIsRefused() throws Exception {
        byte[] data = data(512 * 1024);
        String id = signedImage(sign(otherKey, data), certificate);

        Response refused = assertRefused(id, "s3", data);
        assertThat(refused.asString()).contains("Signature verification failed");
        resign(id, sign(key, data), certificate);
        assertThat(upload(id, "s3", data).statusCode()).as("no object left in s3").isEqualTo(204);
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        byte[] data = data(256 * 1024);
        String id = signedImage(sign(rsaKeyPath("expired"), data), expiredCertificate);

        Response refused = assertRefused(id, "file", data);
        assertThat(refused.asString()).contains("expired");
        resign(id, sign(key, data), certificate);
        assertThat(upload(id, "file", data).statusCode()).as("no file left").isEqualTo(204);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void assertRefusedThenCleanRetry(String id, String store, byte[] refusedData, byte[] goodData) {
        Response refused = assertRefused(id, store, refusedData);
        assertThat(refused.asString()).contains("Signature verification failed");
        Response retried = upload(id, store, goodData);
        assertThat(retried.statusCode()).as("no data left behind: " + retried.asString()).isEqualTo(204);
        assertThat(as("alice").get("/v2/images/" + id).jsonPath().getString("status")).isEqualTo("active");
    }

    private static Response assertRefused(String id, String store, byte[] data) {
        Response refused = upload(id, store, data);
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
        Response shown = as("alice").get("/v2/images/" + id);
        assertThat(shown.jsonPath().getString("status")).isEqualTo("queued");
        assertThat(shown.jsonPath().getString("size")).isNull();
        assertThat(shown.jsonPath().getString("checksum")).isNull();
        assertThat(shown.jsonPath().getString("stores")).isNull();
        assertThat(as("alice").accept("*/*").get("/v2/images/" + id + "/file").statusCode()).isEqualTo(204);
        return refused;
    }

    private static Response upload(String id, String store, byte[] data) {
        return as("alice").contentType("application/octet-stream").header("X-Image-Meta-Store", store)
                .header("x-openstack-image-size", data.length).body(data).put("/v2/images/" + id + "/file");
    }

    private static String signedImage(String signature, String certificateUuid) {
        Response created = createImage("alice", Map.of("name", uniqueName("signed"), "disk_format", "raw",
                "container_format", "bare", "img_signature", signature, "img_signature_hash_method", "SHA-256",
                "img_signature_key_type", "RSA-PSS", "img_signature_certificate_uuid", certificateUuid));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        return created.jsonPath().getString("id");
    }

    private static void resign(String id, String signature, String certificateUuid) {
        String body = "[{\"op\":\"replace\",\"path\":\"/img_signature\",\"value\":\"" + signature + "\"},"
                + "{\"op\":\"replace\",\"path\":\"/img_signature_certificate_uuid\",\"value\":\"" + certificateUuid + "\"}]";
        assertThat(as("alice").contentType(PATCH).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).patch("/v2/images/" + id).statusCode()).isEqualTo(200);
    }

    /** The certificate through the Barbican secrets API, as DER in base64; its uuid. */
    private static String storeCertificate(Path pem) throws Exception {
        Path der = pki.resolve(pem.getFileName() + ".der");
        openssl("x509", "-in", pem.toString(), "-outform", "DER", "-out", der.toString());
        Response stored = as("alice").contentType("application/json").body(Map.of("name", uniqueName("cert"),
                "secret_type", "certificate", "payload", Base64.getEncoder().encodeToString(Files.readAllBytes(der)),
                "payload_content_type", "application/octet-stream", "payload_content_encoding", "base64"))
                .post("/key-manager/v1/secrets");
        assertThat(stored.statusCode()).as(stored.asString()).isEqualTo(201);
        String ref = stored.jsonPath().getString("secret_ref");
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static Path rsaKey(String name) throws Exception {
        Path path = rsaKeyPath(name);
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", path.toString());
        return path;
    }

    private static Path rsaKeyPath(String name) {
        return pki.resolve(name + ".key");
    }

    private static Path selfSigned(Path key, String name) throws Exception {
        Path cert = pki.resolve(name + ".pem");
        openssl("req", "-new", "-x509", "-key", key.toString(), "-subj", "/CN=" + name, "-days", "30",
                "-out", cert.toString());
        return cert;
    }

    /** OpenSSL 3.0's req cannot backdate; its ca command can (-startdate/-enddate). */
    private static Path expiredSelfSigned(Path key) throws Exception {
        Path ca = Files.createDirectories(pki.resolve("ca"));
        Files.writeString(ca.resolve("index.txt"), "");
        Files.writeString(ca.resolve("serial"), "01\n");
        Files.writeString(ca.resolve("ca.cnf"), String.join("\n", "[ca]", "default_ca = d", "[d]",
                "dir = " + ca, "database = $dir/index.txt", "serial = $dir/serial", "new_certs_dir = $dir",
                "default_md = sha256", "policy = p", "[p]", "commonName = supplied", ""));
        Path csr = ca.resolve("expired.csr");
        openssl("req", "-new", "-key", key.toString(), "-subj", "/CN=expired", "-out", csr.toString());
        Path cert = pki.resolve("expired.pem");
        openssl("ca", "-config", ca.resolve("ca.cnf").toString(), "-batch", "-selfsign", "-keyfile", key.toString(),
                "-in", csr.toString(), "-startdate", "20200101000000Z", "-enddate", "20210101000000Z", "-notext",
                "-out", cert.toString());
        return cert;
    }

    /** RSA-PSS over SHA-256 with the maximum salt, base64 (what goes into img_signature). */
    private static String sign(Path key, byte[] data) throws Exception {
        Path input = Files.createTempFile(pki, "data", ".bin");
        Files.write(input, data);
        Path signature = pki.resolve(input.getFileName() + ".sig");
        openssl("dgst", "-sha256", "-sign", key.toString(), "-sigopt", "rsa_padding_mode:pss",
                "-sigopt", "rsa_pss_saltlen:max", "-out", signature.toString(), input.toString());
        return Base64.getEncoder().encodeToString(Files.readAllBytes(signature));
    }

    private static void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    private static byte[] data(int length) {
        byte[] data = new byte[length];
        new Random(length * 31L).nextBytes(data);
        return data;
    }
}
